// The report from a real store: records written through the journal and
// inquiry desks are read back for the report; an inquiry may name the
// person it led to (ROSA only); erasing a person removes it from every
// later report and unlinks its inquiries; the report's queries use
// indexes.
#include "hub/report/report_query.h"

#include <string>
#include <vector>

#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/journal/journal_desk.h"
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

class ReportQueryTest : public testing_person::PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    journal_ = std::make_unique<JournalDesk>(&registry_, db_.get(),
                                             vault_.get(), &clock_);
    inquiries_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
  }
  void TearDown() override {
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
