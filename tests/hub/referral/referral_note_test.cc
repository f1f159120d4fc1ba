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
#include "hub/referral/referral_desk.h"
#include "hub/referral/referral_event_content.h"
#include "tests/hub/person/person_fixture.h"
#include "tests/testutil/scan.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testing_person::Await;

constexpr char kCanary[] = "Kanarinotat-9b2e41: bor hos tanten i Drammen";

class ReferralNoteTest : public testing_person::PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }
  void TearDown() override {
    desk_.reset();
    CloseHub();
  }

  v1::SubmitReferralRequest Placement(const std::string& person_ref) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient("ks-oslo");
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref(person_ref);
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(31);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    f->add_languages("ro");
    r.set_note(kCanary);
    return r;
  }
  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const v1::SubmitReferralRequest& r) {
    return Await<v1::SubmitReferralResponse>([&](auto done) {
      desk_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Referral> Receive(const std::string& id,
                                       const std::string& key) {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(key);
    r.set_referral_id(id);
    r.set_target(v1::REFERRAL_STATE_RECEIVED);
    return Await<v1::Referral>([&](auto done) {
      desk_->UpdateStatus(P("ks-oslo"), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Referral> Get(const std::string& who,
                                   const std::string& id) {
    v1::GetReferralRequest r;
    r.set_referral_id(id);
    return Await<v1::Referral>([&](auto done) { desk_->Get(P(who), r, done); });
  }
  // `partner`'s events as a stream delivers them (free text put back).
  std::vector<v1::Event> Delivered(const std::string& partner) {
    std::vector<v1::Event> events;
    EXPECT_TRUE(
        db_->readers()
            .RunAndWait([&](store::Connection& conn) -> absl::Status {
              const ReferralEventContent content(&registry_, &vault_->texts());
              auto read = Outbox::Read(conn, partner, 0, 1000, &content);
              if (!read.ok()) return read.status();
              events = std::move(*read);
              return absl::OkStatus();
            })
            .ok());
    return events;
  }
  // Every stored blob that could hold a copy: referral rows, event bodies,
  // idempotency responses.
  std::vector<std::string> StoredCopies() {
    std::vector<std::string> all;
    for (const char* sql :
         {"SELECT body FROM referrals", "SELECT body FROM events",
          "SELECT response FROM idempotency"}) {
      for (std::string& blob : Query(sql)) all.push_back(std::move(blob));
    }
    return all;
  }
  std::vector<std::filesystem::path> FilesWithCanary() {
    desk_.reset();
    CloseHub();
    auto found = testutil::FilesContaining(dir_.path(), kCanary);
    OpenHub();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
    return found;
  }

  std::unique_ptr<ReferralDesk> desk_;
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
  }
  // The outbox itself holds the events without it (StoredCopies reads
  // every event body).
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
  auto listed = Await<v1::ListReferralsResponse>([&](auto done) {
    desk_->List(P("rosa"), v1::ListReferralsRequest(), done);
  });
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
