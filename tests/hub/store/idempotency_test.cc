#include "hub/store/idempotency.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/person_service.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"
#include "tests/testutil/schema_store.h"
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

crypto::SecretKey KeyOf(char fill) {
  return *crypto::SecretKey::FromBytes(std::string(32, fill));
}

TEST(RequestHashTest, IgnoresIdempotencyKeyOnly) {
  const RequestHasher hasher(KeyOf('k'));
  const v1::SubmitReferralRequest base = SampleRequest();
  const std::string hash = hasher.Hash(base);
  EXPECT_EQ(hash.size(), RequestHasher::kHashSize);
  EXPECT_EQ(hash.substr(0, RequestHasher::kKeyIdSize), hasher.key_id());
  EXPECT_EQ(hasher.Hash(base), hash);  // Deterministic.

  v1::SubmitReferralRequest other_key = base;
  other_key.set_idempotency_key("key-2");
  EXPECT_EQ(hasher.Hash(other_key), hash);
  other_key.clear_idempotency_key();
  EXPECT_EQ(hasher.Hash(other_key), hash);
  // The caller's message is not modified.
  EXPECT_EQ(base.idempotency_key(), "key-1");

  auto differs = [&](auto mutate, const char* what) {
    v1::SubmitReferralRequest changed = base;
    mutate(changed);
    EXPECT_NE(hasher.Hash(changed), hash) << what;
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

// The hash answers no "was this exact request made?" question without the
// key: it is not a plain digest of the request, and another key gives
// another hash (and another key id).
TEST(RequestHashTest, IsKeyedAndNotAPlainDigest) {
  v1::RegisterPersonRequest request;
  request.mutable_identity()->set_given_name("Ioana");
  request.mutable_identity()->set_birth_date("1994-03-07");
  std::string bytes;
  ASSERT_TRUE(request.SerializeToString(&bytes));
  const std::string plain =
      Sha256(absl::StrCat(request.GetDescriptor()->full_name(), "\n", bytes));

  const RequestHasher a(KeyOf('a'));
  const RequestHasher b(KeyOf('b'));
  const std::string under_a = a.Hash(request);
  EXPECT_EQ(under_a.find(plain), std::string::npos);
  EXPECT_EQ(under_a.find(Sha256(bytes)), std::string::npos);
  EXPECT_NE(under_a, b.Hash(request));
  EXPECT_NE(a.key_id(), b.key_id());
  EXPECT_NE(under_a.substr(RequestHasher::kKeyIdSize),
            b.Hash(request).substr(RequestHasher::kKeyIdSize));
  // Two ephemeral hashers have different keys.
  EXPECT_NE(RequestHasher::Ephemeral()->Hash(request),
            RequestHasher::Ephemeral()->Hash(request));
}

class IdempotencyTest : public testutil::SchemaStoreTest {
 protected:
  IdempotencyKey Key(std::string partner, std::string key,
                     std::string method = "SubmitReferral",
                     std::string hash = "") {
    if (hash.empty()) hash = hasher_.Hash(SampleRequest());
    return IdempotencyKey{std::move(partner), std::move(key), std::move(method),
                          std::move(hash)};
  }
  // The hash of another request than SampleRequest().
  std::string OtherHash() {
    v1::SubmitReferralRequest other = SampleRequest();
    other.set_note("another note");
    return hasher_.Hash(other);
  }

  const RequestHasher hasher_{KeyOf('h')};
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
      *conn_, Key("ks-oslo", "k1", "SubmitReferral", OtherHash()));
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
      *conn_, Key("ks-bergen", "k1", "SubmitReferral", OtherHash()));
  ASSERT_TRUE(theirs.ok()) << theirs.status();
  EXPECT_EQ(*theirs, std::nullopt);
  ASSERT_TRUE(RecordIdempotentResponse(
                  *conn_, Key("ks-bergen", "k1", "SubmitReferral", OtherHash()),
                  "bergen", now_)
                  .ok());
  auto oslo = FindIdempotentResponse(*conn_, Key("ks-oslo", "k1"));
  ASSERT_TRUE(oslo.ok() && oslo->has_value());
  EXPECT_EQ(**oslo, "oslo");
  auto bergen = FindIdempotentResponse(
      *conn_, Key("ks-bergen", "k1", "SubmitReferral", OtherHash()));
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

// A record made under another key (the request key file was lost and made
// anew) or before hashes were keyed cannot be compared: its key is honoured
// as used, so a retry is never applied twice; start-up blanks such hashes.
TEST_F(IdempotencyTest, RecordsUnderAnotherKeyAreHonouredByKeyAlone) {
  const RequestHasher lost(KeyOf('l'));
  ASSERT_TRUE(RecordIdempotentResponse(*conn_,
                                       Key("ks-oslo", "old", "SubmitReferral",
                                           lost.Hash(SampleRequest())),
                                       "first", now_)
                  .ok());
  ASSERT_TRUE(
      RecordIdempotentResponse(*conn_,
                               Key("ks-oslo", "plain", "SubmitReferral",
                                   Sha256("a plain digest from before")),
                               "plain", now_)
          .ok());
  ASSERT_TRUE(
      RecordIdempotentResponse(*conn_, Key("ks-oslo", "mine"), "mine", now_)
          .ok());
  for (const char* key : {"old", "plain"}) {
    auto found = FindIdempotentResponse(
        *conn_, Key("ks-oslo", key, "SubmitReferral", OtherHash()));
    ASSERT_TRUE(found.ok()) << key << ": " << found.status();
    EXPECT_TRUE(found->has_value()) << key;
  }
  // Another method is still refused.
  EXPECT_EQ(FindIdempotentResponse(*conn_, Key("ks-oslo", "old", "Other"))
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);

  auto forgotten = ForgetForeignRequestHashes(*conn_, hasher_);
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(*forgotten, 2);
  auto stmt = conn_->Prepare(
      "SELECT key, length(request_hash) FROM idempotency ORDER BY key");
  ASSERT_TRUE(stmt.ok());
  std::vector<std::pair<std::string, int64_t>> rows;
  while (*(*stmt)->Step()) {
    rows.emplace_back((*stmt)->ColumnText(0), (*stmt)->ColumnInt(1));
  }
  EXPECT_EQ(rows,
            (std::vector<std::pair<std::string, int64_t>>{
                {"mine", RequestHasher::kHashSize}, {"old", 0}, {"plain", 0}}));
  // A blanked hash is still honoured by key; one under this key compares.
  auto old = FindIdempotentResponse(
      *conn_, Key("ks-oslo", "old", "SubmitReferral", OtherHash()));
  ASSERT_TRUE(old.ok() && old->has_value());
  EXPECT_EQ(**old, "first");
  EXPECT_EQ(FindIdempotentResponse(
                *conn_, Key("ks-oslo", "mine", "SubmitReferral", OtherHash()))
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  auto again = ForgetForeignRequestHashes(*conn_, hasher_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace rosa::store
