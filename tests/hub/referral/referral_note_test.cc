// A referral's note is free text about a person: it is sealed like the
// person's identity (under the person's data key when person_ref names a
// registered person, else under the referral's own key), it is in no file
// in the clear — not the referral row, outbox events or idempotency
// records — and erasing the person shreds it: the referral then reads
// without its note, and the canary is in no file under the data directory.
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

constexpr char kCanary[] = "Kanarinotat-9b2e41: bor hos tanten i Drammen";

class ReferralNoteTest : public testing_person::ReferralTextFixture {
 protected:
  v1::SubmitReferralRequest Placement(const std::string& person_ref) {
    return Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, person_ref, kCanary);
  }
  absl::StatusOr<v1::Referral> Receive(const std::string& id,
                                       const std::string& key) {
    return Step("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED, key);
  }
  std::vector<std::filesystem::path> FilesWithCanary() {
    return FilesWith(kCanary);
  }
};

TEST_F(ReferralNoteTest, TheNoteIsDeliveredButNeverStoredInTheClear) {
  const std::string person = RegisterNew("Ioana");
  const v1::SubmitReferralRequest request = Placement(person);
  auto submitted = Submit(request);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  EXPECT_EQ(submitted->referral().note(), kCanary);
  // Sealed under the person's key, not a key of the referral's own.
  EXPECT_THAT(
      Query("SELECT person_id FROM sealed_texts WHERE object_id = ?1", id),
      ElementsAre(person));
  EXPECT_THAT(Query("SELECT object_id FROM object_keys"), IsEmpty());

  // A retry gets the first answer, note included.
  auto replayed = Submit(request);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_TRUE(replayed->replayed());
  EXPECT_EQ(replayed->referral().note(), kCanary);
  auto received = Receive(id, "recv-1");
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(received->note(), kCanary);
  auto received_again = Receive(id, "recv-1");
  ASSERT_TRUE(received_again.ok()) << received_again.status();
  EXPECT_EQ(received_again->note(), kCanary);

  EXPECT_EQ(Get("rosa", id)->note(), kCanary);
  EXPECT_EQ(Get("ks-oslo", id)->note(), kCanary);
  // The shelter (placement: notes pass) and the sender hear it in events.
  for (const char* partner : {"rosa", "ks-oslo"}) {
    const auto events = Delivered(partner);
    ASSERT_THAT(events, SizeIs(2)) << partner;
    for (const v1::Event& e : events) {
      EXPECT_EQ(e.referral().referral().note(), kCanary) << partner;
    }
    // The outbox itself holds the events without it.
    for (const v1::Event& e : Events(partner)) {
      EXPECT_EQ(e.referral().referral().note(), "") << partner;
    }
  }
  for (const std::string& blob : StoredCopies()) {
    EXPECT_EQ(blob.find("Kanarinotat"), std::string::npos);
  }
  EXPECT_THAT(FilesWithCanary(), IsEmpty());
}

TEST_F(ReferralNoteTest, ErasureShredsTheNoteWithThePerson) {
  const std::string person = RegisterNew("Ioana");
  auto submitted = Submit(Placement(person));
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  ASSERT_TRUE(Receive(id, "recv-1").ok());

  ASSERT_TRUE(Erase(person).ok());
  // The referral stays readable, without its note, and says nothing else.
  for (const char* who : {"rosa", "ks-oslo"}) {
    auto read = Get(who, id);
    ASSERT_TRUE(read.ok()) << who << ": " << read.status();
    EXPECT_EQ(read->note(), "") << who;
    EXPECT_EQ(read->state(), v1::REFERRAL_STATE_RECEIVED);
    for (const v1::Event& e : Delivered(who)) {
      EXPECT_EQ(e.referral().referral().note(), "") << who;
    }
  }
  auto listed = List("rosa");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_THAT(listed->referrals(), SizeIs(1));
  EXPECT_EQ(listed->referrals(0).note(), "");
  // A retry of the first step still answers, without the note.
  auto replayed = Receive(id, "recv-1");
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->note(), "");
  // No byte of it anywhere under the data directory, WAL included.
  EXPECT_THAT(FilesWithCanary(), IsEmpty());
}

TEST_F(ReferralNoteTest, AReferralWithoutARegisteredPersonHasItsOwnKey) {
  auto submitted = Submit(Placement("P-AAAAAAAAAA"));
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  EXPECT_THAT(Query("SELECT object_id FROM object_keys"), ElementsAre(id));
  EXPECT_THAT(Query("SELECT object_id FROM sealed_texts"
                    " WHERE person_id IS NULL"),
              ElementsAre(id));
  EXPECT_EQ(Get("ks-oslo", id)->note(), kCanary);
  for (const std::string& blob : StoredCopies()) {
    EXPECT_EQ(blob.find("Kanarinotat"), std::string::npos);
  }
  EXPECT_THAT(FilesWithCanary(), IsEmpty());
}

}  // namespace
}  // namespace rosa
