// The report from a real store: records written through the journal and
// inquiry desks are read back for the report; an inquiry may name the
// person it led to (ROSA only); erasing a person removes it from every
// later report and unlinks its inquiries; a completed placement counts as
// a stay by its nights (none given: unknown, 0: no stay); the report's
// queries use indexes.
#include "hub/report/report_query.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/journal/journal_desk.h"
#include "hub/referral/referral_desk.h"
#include "hub/report/annual_report.h"
#include "tests/hub/person/person_fixture.h"
#include "tests/hub/report/report_builders.h"

namespace rosa::report {
namespace {

namespace v1 = rosa::hub::v1;
using testing::CountAt;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TableOf;

// The count of warning `code` in `report` (0 if absent).
int64_t WarningCount(const v1::AnnualReport& report, const std::string& code) {
  for (const v1::DataWarning& w : report.warnings()) {
    if (w.code() == code) return w.count();
  }
  return 0;
}

class ReportQueryTest : public testing_person::PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    journal_ = std::make_unique<JournalDesk>(&registry_, db_.get(),
                                             vault_.get(), &clock_);
    inquiries_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
    referrals_ = std::make_unique<ReferralDesk>(
        &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_);
  }
  void TearDown() override {
    referrals_.reset();
    inquiries_.reset();
    journal_.reset();
    PersonFixture::TearDown();
  }

  void Journal(const std::string& person, absl::Duration ago,
               const std::function<void(v1::JournalRecord&)>& fill) {
    v1::RecordJournalEntryRequest r;
    r.set_idempotency_key(NextKey());
    r.mutable_record()->set_person_id(person);
    *r.mutable_record()->mutable_occurred_at() =
        ToProtoTime(clock_.Now() - ago);
    fill(*r.mutable_record());
    auto done = testing_person::Await<v1::JournalRecord>([&](auto cb) {
      journal_->Record(P("rosa"), r, absl::InfiniteFuture(), cb);
    });
    ASSERT_TRUE(done.ok()) << done.status();
  }
  absl::StatusOr<v1::HotlineInquiry> Inquiry(const std::string& caller,
                                             const std::string& person) {
    v1::RecordInquiryRequest r;
    r.set_idempotency_key(NextKey());
    v1::HotlineInquiry* i = r.mutable_inquiry();
    *i->mutable_occurred_at() = ToProtoTime(clock_.Now() - absl::Hours(1));
    i->set_caller(v1::CALLER_TYPE_POLICE);
    i->set_topic(v1::INQUIRY_TOPIC_POSSIBLE_VICTIM);
    i->set_first_time(true);
    i->set_person_id(person);
    v1::PossibleVictims* v = i->mutable_victims();
    v->set_persons(1);
    v->set_gender(v1::GENDER_WOMAN);
    v->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    v->set_outcome(v1::INQUIRY_OUTCOME_ACCEPTED_HELP);
    return testing_person::Await<v1::HotlineInquiry>([&](auto cb) {
      inquiries_->RecordInquiry(P(caller), r, absl::InfiniteFuture(), cb);
    });
  }
  // ROSA places `person` at ks-oslo; she arrives and the shelter completes
  // the placement with `nights` (none: not given).
  void Placement(const std::string& person, std::optional<uint32_t> nights) {
    v1::SubmitReferralRequest s;
    s.set_idempotency_key(NextKey());
    s.set_recipient("ks-oslo");
    s.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    s.set_person_ref(person);
    v1::PersonFacts* f = s.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(32);
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    auto submitted =
        testing_person::Await<v1::SubmitReferralResponse>([&](auto cb) {
          referrals_->Submit(P("rosa"), s, absl::InfiniteFuture(), cb);
        });
    ASSERT_TRUE(submitted.ok()) << submitted.status();
    for (v1::ReferralState to :
         {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
          v1::REFERRAL_STATE_IN_PROGRESS, v1::REFERRAL_STATE_COMPLETED}) {
      v1::UpdateReferralStatusRequest u;
      u.set_idempotency_key(NextKey());
      u.set_referral_id(submitted->referral().id());
      u.set_target(to);
      if (to == v1::REFERRAL_STATE_COMPLETED && nights.has_value()) {
        u.set_nights_stayed(*nights);
      }
      auto updated = testing_person::Await<v1::Referral>([&](auto cb) {
        referrals_->UpdateStatus(P("ks-oslo"), u, absl::InfiniteFuture(), cb);
      });
      ASSERT_TRUE(updated.ok()) << updated.status();
    }
  }
  ReportInput Load(int year) {
    ReportInput input;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto loaded = LoadReportInput(conn, registry_, year);
                      if (!loaded.ok()) return loaded.status();
                      input = std::move(*loaded);
                      return absl::OkStatus();
                    })
                    .ok());
    return input;
  }

  std::unique_ptr<JournalDesk> journal_;
  std::unique_ptr<InquiryDesk> inquiries_;
  std::unique_ptr<ReferralDesk> referrals_;
};

TEST_F(ReportQueryTest, ErasureRemovesAPersonFromEveryLaterReport) {
  const std::string kept = RegisterNew("Ana");
  const std::string erased = RegisterNew("Maria");
  for (const std::string& p : {kept, erased}) {
    Journal(p, absl::Hours(24 * 30),
            [](auto& r) { r.mutable_assistance_started(); });
    for (int days_ago : {29, 22}) {  // Repeated: two in-person contacts.
      Journal(p, absl::Hours(24 * days_ago), [](auto& r) {
        r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
      });
    }
  }
  auto linked = Inquiry("rosa", erased);
  ASSERT_TRUE(linked.ok()) << linked.status();
  EXPECT_EQ(linked->person_id(), erased);

  auto before = ComputeAnnualReport(Load(2026), v1::REPORT_EDITION_INTERNAL);
  EXPECT_EQ(CountAt(TableOf(before, "2.1"), "clients"), 2);
  ASSERT_TRUE(Erase(erased).ok());
  const ReportInput input = Load(2026);
  auto after = ComputeAnnualReport(input, v1::REPORT_EDITION_INTERNAL);
  EXPECT_EQ(CountAt(TableOf(after, "2.1"), "clients"), 1);
  // The call still counts; it no longer points at anyone.
  EXPECT_EQ(CountAt(TableOf(after, "1.1"), "possible_victim"), 1);
  ASSERT_EQ(input.inquiries.size(), 1u);
  EXPECT_EQ(input.inquiries[0].person_id(), "");
}

TEST_F(ReportQueryTest, OnlyRosaLinksAnInquiryToAKnownPerson) {
  const std::string person = RegisterNew();
  auto shelter = Inquiry("ks-oslo", person);
  EXPECT_EQ(shelter.status().code(), absl::StatusCode::kNotFound);
  auto unknown = Inquiry("rosa", "P-ZZZZZZZZZZ");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(Inquiry("ks-oslo", "").ok());
}

// A placement completed with 0 nights (arrived and left the same day) is
// no stay: no client, nothing in 2.6, no warning. Before, it counted as a
// stay of unknown nights, one night. Nights not given stay unknown.
TEST_F(ReportQueryTest, PlacementOfNoNightsIsNoStay) {
  const int year =
      static_cast<int>(absl::ToCivilYear(clock_.Now(), OsloTimeZone()).year());
  Placement(RegisterNew("Ana"), 0u);
  auto none = ComputeAnnualReport(Load(year), v1::REPORT_EDITION_INTERNAL);
  EXPECT_EQ(CountAt(TableOf(none, "2.1"), "clients"), 0);
  EXPECT_EQ(CountAt(TableOf(none, "2.6"), "clients_with_stay"), 0);
  EXPECT_EQ(WarningCount(none, "stays_without_nights"), 0);

  Placement(RegisterNew("Maria"), std::nullopt);
  Placement(RegisterNew("Elena"), 3u);
  auto two = ComputeAnnualReport(Load(year), v1::REPORT_EDITION_INTERNAL);
  EXPECT_EQ(CountAt(TableOf(two, "2.1"), "clients"), 2);
  EXPECT_EQ(CountAt(TableOf(two, "2.6"), "clients_with_stay"), 2);
  EXPECT_EQ(WarningCount(two, "stays_without_nights"), 1);
}

TEST_F(ReportQueryTest, QueriesUseIndexes) {
  std::vector<std::string> plans;
  ASSERT_TRUE(db_->readers()
                  .RunAndWait([&](store::Connection& conn) -> absl::Status {
                    auto p = ReportQueryPlans(conn);
                    if (!p.ok()) return p.status();
                    plans = std::move(*p);
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(plans.size(), 4u);
  EXPECT_THAT(plans[0], HasSubstr("USING INDEX inquiries_by_time"));
  // Every person is read: a full scan by design.
  EXPECT_THAT(plans[2], HasSubstr("USING INDEX journal_by_kind"));
  EXPECT_THAT(plans[3], HasSubstr("USING INDEX referrals_by_type_state"));
}

}  // namespace
}  // namespace rosa::report
