// The free text partners type on a referral after its note — a step's
// reason (why a shelter rejected it) and IOM's assisted-return note — is
// sealed like the note (under the person's data key): in no file in the
// clear, not the referral row, outbox events or idempotency records; put
// back for reads, replays and deliveries; and shredded with the person.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/referral/referral_text_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testing_person::Await;

constexpr char kReason[] =
    "Avslagsgrunn-3f7c: eksen bor i nabohuset, tlf 98765432";
constexpr char kReturnNote[] = "Returnotat-a81d: moren henter henne i Iasi";
constexpr char kNote[] = "Henvisningsnotat-0c5e";

class ReferralFreeTextTest : public testing_person::ReferralTextFixture {
 protected:
  // A placement referral for `person`, received and then rejected with
  // kReason (under idempotency key "reject-1"); returns its id.
  std::string Rejected(const std::string& person) {
    auto submitted =
        Submit(Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, person, kNote));
    EXPECT_TRUE(submitted.ok()) << submitted.status();
    const std::string id = submitted->referral().id();
    EXPECT_TRUE(
        Step("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED, "recv-1").ok());
    auto rejected =
        Step("ks-oslo", id, v1::REFERRAL_STATE_REJECTED, "reject-1", kReason);
    EXPECT_TRUE(rejected.ok()) << rejected.status();
    return id;
  }
  // An assisted-return referral to IOM for `person`, accepted; returns its
  // id.
  std::string AcceptedReturn(const std::string& person) {
    v1::GiveConsentRequest consent;
    consent.set_idempotency_key(NextKey());
    consent.set_person_id(person);
    consent.mutable_scope()->set_partner_id("iom");
    consent.set_purpose(v1::CONSENT_PURPOSE_ASSISTED_RETURN);
    EXPECT_TRUE(Await<v1::Consent>([&](auto done) {
                  consents_->Give(P("rosa"), consent, absl::InfiniteFuture(),
                                  done);
                }).ok());
    auto submitted = Submit(
        Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, person, kNote));
    EXPECT_TRUE(submitted.ok()) << submitted.status();
    const std::string id = submitted->referral().id();
    EXPECT_TRUE(Step("iom", id, v1::REFERRAL_STATE_RECEIVED, "recv-1").ok());
    EXPECT_TRUE(Step("iom", id, v1::REFERRAL_STATE_ACCEPTED, "acc-1").ok());
    return id;
  }
  absl::StatusOr<v1::Referral> RecordReturn(
      const std::string& id, const std::string& key = "return-1",
      const std::string& note = kReturnNote) {
    v1::UpdateAssistedReturnRequest r;
    r.set_idempotency_key(key);
    r.set_referral_id(id);
    v1::AssistedReturn* ar = r.mutable_assisted_return();
    ar->set_status(v1::ASSISTED_RETURN_STATUS_ASSESSMENT);
    ar->set_status_date("2026-11-28");
    ar->set_note(note);
    return Await<v1::Referral>([&](auto done) {
      desk_->UpdateAssistedReturn(P("iom"), r, absl::InfiniteFuture(), done);
    });
  }
  void ExpectNoClearCopy(const std::string& text) {
    for (const std::string& blob : StoredCopies()) {
      EXPECT_EQ(blob.find(text), std::string::npos);
    }
    EXPECT_THAT(FilesWith(text), IsEmpty());
  }
};

TEST_F(ReferralFreeTextTest, AStepsReasonIsDeliveredButNeverStoredInTheClear) {
  const std::string person = RegisterNew("Ioana");
  const std::string id = Rejected(person);
  EXPECT_THAT(Query("SELECT person_id FROM sealed_texts"
                    " WHERE field = 'reason.2' AND object_id = ?1",
                    id),
              ElementsAre(person));
  // A retry of the rejection gets the first answer, reason included.
  auto replayed =
      Step("ks-oslo", id, v1::REFERRAL_STATE_REJECTED, "reject-1", kReason);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  ASSERT_THAT(replayed->history(), SizeIs(3));
  EXPECT_EQ(replayed->history(2).reason(), kReason);
  for (const char* who : {"rosa", "ks-oslo"}) {
    auto read = Get(who, id);
    ASSERT_TRUE(read.ok()) << who << ": " << read.status();
    EXPECT_EQ(read->history(2).reason(), kReason) << who;
    const auto events = Delivered(who);
    ASSERT_THAT(events, SizeIs(3)) << who;
    EXPECT_EQ(events[2].referral().transition().reason(), kReason) << who;
    EXPECT_EQ(events[2].referral().referral().history(2).reason(), kReason);
    // The outbox itself holds the event without it.
    EXPECT_EQ(Events(who)[2].referral().transition().reason(), "") << who;
  }
  auto listed = List("rosa");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_THAT(listed->referrals(), SizeIs(1));
  EXPECT_EQ(listed->referrals(0).history(2).reason(), kReason);
  ExpectNoClearCopy(kReason);
}

TEST_F(ReferralFreeTextTest, ErasureShredsAStepsReason) {
  const std::string person = RegisterNew("Ioana");
  const std::string id = Rejected(person);
  ASSERT_TRUE(Erase(person).ok());
  for (const char* who : {"rosa", "ks-oslo"}) {
    auto read = Get(who, id);
    ASSERT_TRUE(read.ok()) << who << ": " << read.status();
    EXPECT_EQ(read->state(), v1::REFERRAL_STATE_REJECTED);
    EXPECT_EQ(read->history(2).reason(), "") << who;
    for (const v1::Event& e : Delivered(who)) {
      EXPECT_EQ(e.referral().transition().reason(), "") << who;
    }
  }
  auto replayed =
      Step("ks-oslo", id, v1::REFERRAL_STATE_REJECTED, "reject-1", kReason);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->history(2).reason(), "");
  EXPECT_THAT(Query("SELECT field FROM sealed_texts"), IsEmpty());
  EXPECT_THAT(FilesWith(kReason), IsEmpty());
}

TEST_F(ReferralFreeTextTest, IomsNoteIsDeliveredButNeverStoredInTheClear) {
  const std::string person = RegisterNew("Ioana");
  const std::string id = AcceptedReturn(person);
  auto recorded = RecordReturn(id);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->assisted_return().note(), kReturnNote);
  EXPECT_THAT(Query("SELECT person_id FROM sealed_texts"
                    " WHERE field = 'return_note' AND object_id = ?1",
                    id),
              ElementsAre(person));
  auto replayed = RecordReturn(id);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->assisted_return().note(), kReturnNote);
  for (const char* who : {"rosa", "iom"}) {
    auto read = Get(who, id);
    ASSERT_TRUE(read.ok()) << who << ": " << read.status();
    EXPECT_EQ(read->assisted_return().note(), kReturnNote) << who;
    const auto events = Delivered(who);
    ASSERT_THAT(events, SizeIs(4)) << who;
    EXPECT_EQ(events[3].referral().referral().assisted_return().note(),
              kReturnNote)
        << who;
  }
  // Minimisation still holds for delivered events: IOM never gets the
  // sender's note, the sender does.
  for (const v1::Event& e : Delivered("iom")) {
    EXPECT_EQ(e.referral().referral().note(), "");
  }
  EXPECT_EQ(Delivered("rosa")[3].referral().referral().note(), kNote);
  ExpectNoClearCopy(kReturnNote);
}

TEST_F(ReferralFreeTextTest, ErasureShredsIomsNote) {
  const std::string person = RegisterNew("Ioana");
  const std::string id = AcceptedReturn(person);
  ASSERT_TRUE(RecordReturn(id).ok());
  ASSERT_TRUE(Erase(person).ok());
  for (const char* who : {"rosa", "iom"}) {
    auto read = Get(who, id);
    ASSERT_TRUE(read.ok()) << who << ": " << read.status();
    EXPECT_EQ(read->assisted_return().status(),
              v1::ASSISTED_RETURN_STATUS_ASSESSMENT);
    EXPECT_EQ(read->assisted_return().note(), "") << who;
    for (const v1::Event& e : Delivered(who)) {
      EXPECT_EQ(e.referral().referral().assisted_return().note(), "");
    }
  }
  auto replayed = RecordReturn(id);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->assisted_return().note(), "");
  EXPECT_THAT(FilesWith(kReturnNote), IsEmpty());
  // A note written after the erasure is sealed under the referral's own
  // key: the person's is gone.
  auto later = RecordReturn(id, "return-2", "Senere-44c1");
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ(Get("iom", id)->assisted_return().note(), "Senere-44c1");
  EXPECT_THAT(Query("SELECT object_id FROM object_keys"), ElementsAre(id));
  EXPECT_THAT(FilesWith("Senere-44c1"), IsEmpty());
}

}  // namespace
}  // namespace rosa
