// Unit tests of the journal desk on a real SQLite store and person vault:
// ROSA only (anyone else NOT_FOUND, as for an unknown person), what the hub
// sets, validation naming record and field, references (person, facility,
// police report), nothing from before the person turns 18, the residence
// history, idempotency, audit entries for
// writes and reads, and erasure removing the journal.
#include "hub/journal/journal_desk.h"

#include <string>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/journal/residence_history.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

template <typename T>
std::string Msg(const absl::StatusOr<T>& r) {
  return std::string(r.status().message());
}

class JournalDeskTest : public testing_person::PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    journal_ = std::make_unique<JournalDesk>(&registry_, db_.get(),
                                             vault_.get(), &clock_);
  }
  void TearDown() override {
    journal_.reset();
    PersonFixture::TearDown();
  }

  v1::RecordJournalEntryRequest Entry(const std::string& person,
                                      absl::Duration ago = absl::Hours(2)) {
    v1::RecordJournalEntryRequest r;
    r.set_idempotency_key(NextKey());
    r.mutable_record()->set_person_id(person);
    *r.mutable_record()->mutable_occurred_at() =
        ToProtoTime(clock_.Now() - ago);
    return r;
  }
  absl::StatusOr<v1::JournalRecord> Record(
      const v1::RecordJournalEntryRequest& r,
      const std::string& caller = "rosa") {
    return testing_person::Await<v1::JournalRecord>([&](auto done) {
      journal_->Record(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::ListJournalResponse> List(
      const std::string& person, const std::string& caller = "rosa") {
    v1::ListJournalRequest r;
    r.set_person_id(person);
    return testing_person::Await<v1::ListJournalResponse>([&](auto done) {
      journal_->List(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  std::unique_ptr<JournalDesk> journal_;
};

TEST_F(JournalDeskTest, RecordsWithHubFieldsAndAudit) {
  const std::string person = RegisterNew();
  auto r = Entry(person);
  r.mutable_record()->mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
  auto record = Record(r);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_THAT(record->id(), StartsWith("J-2026-"));
  EXPECT_EQ(record->recorded_by(), "rosa");
  EXPECT_EQ(FromProtoTime(record->recorded_at()), clock_.Now());
  EXPECT_THAT(AuditActions(), Contains("journal.record " + record->id()));

  // A retry returns the first answer and writes nothing more.
  auto again = Record(r);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id(), record->id());
  auto listed = List(person);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->records_size(), 1);
  EXPECT_THAT(AuditActions(), Contains("journal.read " + person));
}

TEST_F(JournalDeskTest, OnlyRosaAndTheSameAnswerAsAnUnknownPerson) {
  const std::string person = RegisterNew();
  auto r = Entry(person);
  r.mutable_record()->mutable_evidence_given();
  for (const char* other : {"ks-oslo", "advokat-lund", "iom"}) {
    auto refused = Record(r, other);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kNotFound) << other;
    EXPECT_EQ(Msg(refused), absl::StrCat("person ", person, " not found"));
    EXPECT_EQ(List(person, other).status().code(), absl::StatusCode::kNotFound);
  }
  auto unknown = Entry("P-ZZZZZZZZZZ");
  unknown.mutable_record()->mutable_evidence_given();
  EXPECT_EQ(Msg(Record(unknown)), "person P-ZZZZZZZZZZ not found");
  EXPECT_EQ(List("P-ZZZZZZZZZZ").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(JournalDeskTest, ValidationNamesRecordAndField) {
  // Born long enough ago to have been an adult 20 years back.
  auto registered = Register(PersonRequest("Ioana", "Pop", 1960));
  ASSERT_TRUE(registered.ok()) << registered.status();
  const std::string person = registered->id();
  auto no_nights = Entry(person);
  no_nights.mutable_record()->mutable_stay()->mutable_other_place()->set_kind(
      v1::OTHER_PLACE_KIND_PRISON);
  no_nights.mutable_record()->mutable_stay()->mutable_other_place()->set_name(
      "Bredtveit");
  no_nights.mutable_record()->mutable_stay()->set_nights(0);
  EXPECT_EQ(Msg(Record(no_nights)), "record.stay.nights: must be 1 to 3660");

  auto no_host = Entry(person);
  no_host.mutable_record()->mutable_activity()->set_kind(
      v1::ACTIVITY_KIND_WORK_PRACTICE);
  EXPECT_EQ(Msg(Record(no_host)), "record.activity.host: required");

  auto future = Entry(person, -absl::Hours(1));
  future.mutable_record()->mutable_protection_granted();
  EXPECT_EQ(Msg(Record(future)),
            "record.occurred_at: must not be in the future");

  // History goes back 20 years, not further.
  auto old = Entry(person, absl::Hours(24 * 365 * 20 - 24 * 10));
  old.mutable_record()->mutable_assistance_started();
  EXPECT_TRUE(Record(old).ok());
  auto too_old = Entry(person, absl::Hours(24 * 365 * 21));
  too_old.mutable_record()->mutable_assistance_started();
  EXPECT_EQ(Msg(Record(too_old)),
            "record.occurred_at: must be within the last 20 years");

  auto nothing = Entry(person);
  EXPECT_THAT(Msg(Record(nothing)), StartsWith("record: "));
  auto no_key = Entry(person);
  no_key.clear_idempotency_key();
  no_key.mutable_record()->mutable_evidence_given();
  EXPECT_THAT(Msg(Record(no_key)), StartsWith("idempotency_key"));
}

TEST_F(JournalDeskTest, ReferencesMustExist) {
  const std::string person = RegisterNew();
  const std::string other = RegisterNew("Maria");
  auto stay = Entry(person);
  stay.mutable_record()->mutable_stay()->set_facility_id("no-such-place");
  stay.mutable_record()->mutable_stay()->set_nights(3);
  EXPECT_EQ(Msg(Record(stay)),
            "record.stay.facility_id: no such facility in the partner "
            "registry");

  auto report = Entry(person);
  report.mutable_record()->mutable_police_report()->set_offence(
      v1::OFFENCE_TRAFFICKING);
  auto filed = Record(report);
  ASSERT_TRUE(filed.ok()) << filed.status();
  auto status = Entry(other);
  status.mutable_record()->mutable_police_report_status()->set_report_id(
      filed->id());
  status.mutable_record()->mutable_police_report_status()->set_status(
      v1::POLICE_REPORT_STATUS_DROPPED);
  EXPECT_EQ(Record(status).status().code(), absl::StatusCode::kNotFound);
  status.mutable_record()->set_person_id(person);
  status.set_idempotency_key(NextKey());
  EXPECT_TRUE(Record(status).ok());
}

// A person is assisted only as an adult: a record dated in a year before
// the one the person turns 18 in (by birth year) is refused, naming the
// field and the rule but nothing about the person. Before, only the
// 20-year window was checked, and the report counted minors as 18-24.
TEST_F(JournalDeskTest, NothingFromBeforeThePersonTurns18) {
  const int now =
      static_cast<int>(absl::ToCivilYear(clock_.Now(), OsloTimeZone()).year());
  auto registered = Register(PersonRequest("Ioana", "Pop", now - 20));
  ASSERT_TRUE(registered.ok()) << registered.status();
  const std::string person = registered->id();
  const auto at = [](int y, int m, int d) {
    return ToProtoTime(
        absl::FromCivil(absl::CivilSecond(y, m, d, 12, 0, 0), OsloTimeZone()));
  };
  auto minor = Entry(person);
  *minor.mutable_record()->mutable_occurred_at() = at(now - 3, 12, 31);
  minor.mutable_record()->mutable_assistance_started();
  auto refused = Record(minor);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Msg(refused),
            "record.occurred_at: in a year before the person turns 18; ROSA "
            "assists adults only");
  auto journal = List(person);
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_EQ(journal->records_size(), 0);

  auto adult = Entry(person);
  *adult.mutable_record()->mutable_occurred_at() = at(now - 2, 1, 1);
  adult.mutable_record()->mutable_assistance_started();
  EXPECT_TRUE(Record(adult).ok());
}

TEST_F(JournalDeskTest, ResidenceStatusJoinsThePersonsHistoryInOrder) {
  const std::string person = RegisterNew();  // Reflection period applied.
  clock_.Advance(absl::Hours(2));
  auto later = Entry(person, absl::Hours(1));
  later.mutable_record()->mutable_residence_status()->set_status(
      v1::RESIDENCE_STATUS_RESIDENCE_PERMIT);
  ASSERT_TRUE(Record(later).ok());
  // Recorded after, but in effect long before: slots in first.
  auto earlier = Entry(person, absl::Hours(24 * 400));
  earlier.mutable_record()->mutable_residence_status()->set_status(
      v1::RESIDENCE_STATUS_ASYLUM_SEEKER);
  ASSERT_TRUE(Record(earlier).ok());

  v1::Person loaded;
  ASSERT_TRUE(db_->readers()
                  .RunAndWait([&](store::Connection& conn) -> absl::Status {
                    auto p = vault_->LoadProfile(conn, person);
                    if (!p.ok()) return p.status();
                    loaded = *p;
                    return absl::OkStatus();
                  })
                  .ok());
  const v1::PersonProfile& profile = loaded.profile();
  ASSERT_EQ(profile.residence_history_size(), 3);
  EXPECT_EQ(profile.residence_history(0).status(),
            v1::RESIDENCE_STATUS_ASYLUM_SEEKER);
  EXPECT_EQ(profile.residence_status(), v1::RESIDENCE_STATUS_RESIDENCE_PERMIT);
  EXPECT_EQ(ResidenceStatusAt(profile, clock_.Now() - absl::Hours(24 * 399)),
            v1::RESIDENCE_STATUS_ASYLUM_SEEKER);
}

TEST_F(JournalDeskTest, ErasureRemovesTheJournal) {
  const std::string person = RegisterNew();
  auto r = Entry(person);
  r.mutable_record()->mutable_accompanying_children()->set_count(2);
  ASSERT_TRUE(Record(r).ok());
  ASSERT_EQ(Query("SELECT id FROM journal_records WHERE person_id = ?1", person)
                .size(),
            1u);
  ASSERT_TRUE(Erase(person).ok());
  EXPECT_TRUE(
      Query("SELECT id FROM journal_records WHERE person_id = ?1", person)
          .empty());
  EXPECT_TRUE(Query("SELECT key FROM idempotency WHERE method ="
                    " 'RecordJournalEntry'")
                  .empty());
  EXPECT_EQ(List(person).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rosa
