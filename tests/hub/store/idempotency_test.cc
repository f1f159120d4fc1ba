#include "hub/store/idempotency.h"

#include <memory>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/referral_service.pb.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

namespace v1 = rosa::hub::v1;

v1::SubmitReferralRequest SampleRequest() {
  v1::SubmitReferralRequest req;
  req.set_idempotency_key("key-1");
  req.set_recipient("ks-oslo");
  req.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  req.set_person_ref("P-ab12");
  req.mutable_facts()->set_age(30);
  req.mutable_facts()->set_nationality("RO");
  req.mutable_facts()->add_languages("ro");
  req.set_note("note");
  return req;
}

TEST(RequestHashTest, IgnoresIdempotencyKeyOnly) {
  const v1::SubmitReferralRequest base = SampleRequest();
  const std::string hash = RequestHash(base);
  EXPECT_EQ(hash.size(), 32u);
  EXPECT_EQ(RequestHash(base), hash);  // Deterministic.

  v1::SubmitReferralRequest other_key = base;
  other_key.set_idempotency_key("key-2");
  EXPECT_EQ(RequestHash(other_key), hash);
  other_key.clear_idempotency_key();
  EXPECT_EQ(RequestHash(other_key), hash);
  // The caller's message is not modified.
  EXPECT_EQ(base.idempotency_key(), "key-1");

  auto differs = [&](auto mutate, const char* what) {
    v1::SubmitReferralRequest changed = base;
    mutate(changed);
    EXPECT_NE(RequestHash(changed), hash) << what;
  };
  differs([](auto& r) { r.set_recipient("ks-bergen"); }, "recipient");
  differs([](auto& r) { r.set_type(v1::REFERRAL_TYPE_LEGAL_COUNSEL); }, "type");
  differs([](auto& r) { r.set_person_ref("P-ab13"); }, "person_ref");
  differs([](auto& r) { r.set_note("other note"); }, "note");
  differs([](auto& r) { r.clear_note(); }, "note cleared");
  differs([](auto& r) { r.mutable_facts()->set_age(31); }, "facts.age");
  differs([](auto& r) { r.mutable_facts()->set_acute(true); }, "facts.acute");
  differs([](auto& r) { r.mutable_facts()->add_languages("en"); },
          "facts.languages");
  differs([](auto& r) { r.clear_facts(); }, "facts cleared");
}

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn =
        Connection::Open(dir_.File("hub.db"), Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = std::move(*conn);
    ASSERT_TRUE(ApplySchema(*conn_).ok());
  }

  static IdempotencyKey Key(std::string partner, std::string key,
                            std::string method = "SubmitReferral",
                            std::string hash = std::string(32, 'h')) {
    return IdempotencyKey{std::move(partner), std::move(key), std::move(method),
                          std::move(hash)};
  }

  rosa::testutil::TempDir dir_;
  std::unique_ptr<Connection> conn_;
  const absl::Time now_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01
};

TEST_F(IdempotencyTest, FindReturnsNothingThenTheRecordedResponse) {
  const IdempotencyKey key = Key("ks-oslo", "k1");
  auto found = FindIdempotentResponse(*conn_, key);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, std::nullopt);

  const std::string response("resp\0onse", 9);
  ASSERT_TRUE(RecordIdempotentResponse(*conn_, key, response, now_).ok());
  found = FindIdempotentResponse(*conn_, key);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, response);
  // A key is recorded once.
  EXPECT_FALSE(RecordIdempotentResponse(*conn_, key, "again", now_).ok());
  found = FindIdempotentResponse(*conn_, key);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, response);
}

TEST_F(IdempotencyTest, SameKeyForAnotherRequestOrMethodIsAlreadyExists) {
  ASSERT_TRUE(
      RecordIdempotentResponse(*conn_, Key("ks-oslo", "k1"), "r", now_).ok());
  auto other_body = FindIdempotentResponse(
      *conn_, Key("ks-oslo", "k1", "SubmitReferral", std::string(32, 'x')));
  EXPECT_EQ(other_body.status().code(), absl::StatusCode::kAlreadyExists);
  auto other_method =
      FindIdempotentResponse(*conn_, Key("ks-oslo", "k1", "UpdateStatus"));
  EXPECT_EQ(other_method.status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(IdempotencyTest, KeysArePerPartner) {
  ASSERT_TRUE(
      RecordIdempotentResponse(*conn_, Key("ks-oslo", "k1"), "oslo", now_)
          .ok());
  // Another partner's use of the same key is invisible, even with another
  // body, and that partner can record its own.
  auto theirs = FindIdempotentResponse(
      *conn_, Key("ks-bergen", "k1", "SubmitReferral", std::string(32, 'x')));
  ASSERT_TRUE(theirs.ok()) << theirs.status();
  EXPECT_EQ(*theirs, std::nullopt);
  ASSERT_TRUE(RecordIdempotentResponse(*conn_,
                                       Key("ks-bergen", "k1", "SubmitReferral",
                                           std::string(32, 'x')),
                                       "bergen", now_)
                  .ok());
  auto oslo = FindIdempotentResponse(*conn_, Key("ks-oslo", "k1"));
  ASSERT_TRUE(oslo.ok() && oslo->has_value());
  EXPECT_EQ(**oslo, "oslo");
  auto bergen = FindIdempotentResponse(
      *conn_, Key("ks-bergen", "k1", "SubmitReferral", std::string(32, 'x')));
  ASSERT_TRUE(bergen.ok() && bergen->has_value());
  EXPECT_EQ(**bergen, "bergen");
}

TEST_F(IdempotencyTest, PruneRemovesOnlyOlderRecords) {
  ASSERT_TRUE(RecordIdempotentResponse(*conn_, Key("p", "old"), "o",
                                       now_ - absl::Hours(48))
                  .ok());
  ASSERT_TRUE(RecordIdempotentResponse(*conn_, Key("p", "edge"), "e",
                                       now_ - absl::Hours(24))
                  .ok());
  ASSERT_TRUE(
      RecordIdempotentResponse(*conn_, Key("p", "new"), "n", now_).ok());
  ASSERT_TRUE(PruneIdempotency(*conn_, now_ - absl::Hours(24)).ok());

  auto old = FindIdempotentResponse(*conn_, Key("p", "old"));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, std::nullopt);
  // Recorded exactly at the cut-off: not older, so kept.
  auto edge = FindIdempotentResponse(*conn_, Key("p", "edge"));
  ASSERT_TRUE(edge.ok() && edge->has_value());
  EXPECT_EQ(**edge, "e");
  auto recent = FindIdempotentResponse(*conn_, Key("p", "new"));
  ASSERT_TRUE(recent.ok() && recent->has_value());
  EXPECT_EQ(**recent, "n");
  // A pruned key is free again.
  EXPECT_TRUE(
      RecordIdempotentResponse(*conn_, Key("p", "old"), "o2", now_).ok());
}

}  // namespace
}  // namespace rosa::store
