// The annual report's tables from hand-built rows: persons not calls (a
// call about 35 workers), first-time inquiries only in 1.4 to 1.6, the
// share accepting this year and last, new and multi-year clients, police
// reports and their status at 31 December, activities, unknowns that keep
// the totals adding up (an age under 18 among them), and the data warnings.
#include "hub/report/annual_report.h"

#include "gtest/gtest.h"
#include "tests/hub/report/report_builders.h"

namespace rosa::report {
namespace {

using testing::At;
using testing::Call;
using testing::CountAt;
using testing::PersonBuilder;
using testing::TableOf;
using testing::VictimCall;
namespace v1 = rosa::hub::v1;

v1::AnnualReport Internal(const ReportInput& input) {
  return ComputeAnnualReport(input, v1::REPORT_EDITION_INTERNAL);
}

TEST(AnnualReportTest, HotlineCountsPersonsNotCalls) {
  ReportInput input;
  input.year = 2026;
  input.inquiries = {
      VictimCall(At(2026, 5, 1), 35, v1::GENDER_MAN,
                 v1::EXPLOITATION_FORM_FORCED_LABOUR, "PL",
                 v1::INQUIRY_OUTCOME_ACCEPTED_HELP),
      VictimCall(At(2026, 6, 1), 2, v1::GENDER_WOMAN,
                 v1::EXPLOITATION_FORM_SEXUAL, "",
                 v1::INQUIRY_OUTCOME_DECLINED_HELP),
      // Not a first-time inquiry: 1.1 and 1.3, not 1.4 to 1.6.
      VictimCall(At(2026, 7, 1), 4, v1::GENDER_WOMAN,
                 v1::EXPLOITATION_FORM_SEXUAL, "NG",
                 v1::INQUIRY_OUTCOME_ACCEPTED_HELP, false),
      // Not about trafficking: left out of 1.3.
      VictimCall(At(2026, 7, 2), 1, v1::GENDER_WOMAN,
                 v1::EXPLOITATION_FORM_SEXUAL, "NG",
                 v1::INQUIRY_OUTCOME_NOT_TRAFFICKING),
      Call(At(2026, 8, 1), v1::INQUIRY_TOPIC_FOLLOW_UP, v1::CALLER_TYPE_NAV),
      Call(At(2026, 8, 2), v1::INQUIRY_TOPIC_INFORMATION),
      // Last year, for 1.6's second column only.
      VictimCall(At(2025, 3, 1), 3, v1::GENDER_WOMAN,
                 v1::EXPLOITATION_FORM_SEXUAL, "RO",
                 v1::INQUIRY_OUTCOME_ACCEPTED_HELP),
  };
  const v1::AnnualReport report = Internal(input);
  const auto& t11 = TableOf(report, "1.1");
  EXPECT_EQ(CountAt(t11, "possible_victim"), 4);
  EXPECT_EQ(CountAt(t11, "follow_up"), 1);
  EXPECT_EQ(CountAt(t11, "total"), 6);
  EXPECT_EQ(CountAt(TableOf(report, "1.2"), "nav"), 1);
  EXPECT_EQ(CountAt(TableOf(report, "1.3"), "total"), 3);

  const auto& t14 = TableOf(report, "1.4");
  EXPECT_EQ(CountAt(t14, "man", 1), 35);  // Forced labour.
  EXPECT_EQ(CountAt(t14, "woman", 0), 3);
  EXPECT_EQ(CountAt(t14, "total", 4), 38);
  const auto& t15 = TableOf(report, "1.5");
  EXPECT_EQ(t15.rows(0).key(), "PL");  // Most first.
  EXPECT_EQ(CountAt(t15, "PL"), 35);
  EXPECT_EQ(CountAt(t15, "NG"), 1);
  EXPECT_EQ(CountAt(t15, "unknown"), 2);
  EXPECT_EQ(CountAt(t15, "total"), 38);
  EXPECT_EQ(CountAt(t15, "distinct_nationalities"), 2);

  const auto& t16 = TableOf(report, "1.6");
  EXPECT_EQ(CountAt(t16, "accepted", 0), 35);
  EXPECT_EQ(CountAt(t16, "not_accepted", 0), 3);
  EXPECT_EQ(CountAt(t16, "accepted", 1), 3);
  EXPECT_DOUBLE_EQ(t16.rows(4).cells(0).decimal(), 92.1);
  EXPECT_DOUBLE_EQ(t16.rows(4).cells(1).decimal(), 100.0);
}

TEST(AnnualReportTest, ClientsNewMultiYearAndUnknowns) {
  ReportInput input;
  input.year = 2026;
  PersonBuilder fresh("P-NEW0000001");
  fresh.Start(At(2026, 2, 1)).Meet(At(2026, 2, 3)).Meet(At(2026, 2, 10));
  fresh.Add(At(2026, 2, 1)).mutable_pregnant_at_identification();
  fresh.Add(At(2026, 2, 1)).mutable_accompanying_children()->set_count(2);
  PersonBuilder old("P-OLD0000001", v1::GENDER_MAN, 0, "");
  old.Start(At(2024, 5, 1)).Meet(At(2025, 3, 3)).Meet(At(2026, 9, 9));
  old.Meet(At(2026, 9, 16));
  old.Add(At(2025, 1, 1)).mutable_protection_granted();
  PersonBuilder phone("P-PHN0000001");
  phone.Start(At(2026, 1, 10)).Meet(At(2026, 1, 11), v1::CONTACT_MODE_PHONE);
  // One in-person contact: not "repeated", so not a client either.
  PersonBuilder once("P-ONE0000001");
  once.Start(At(2026, 3, 1)).Meet(At(2026, 3, 2));
  once.Meet(At(2026, 3, 9), v1::CONTACT_MODE_PHONE);
  input.persons = {fresh.Build(), old.Build(), phone.Build(), once.Build()};

  const v1::AnnualReport report = Internal(input);
  const auto& t21 = TableOf(report, "2.1");
  EXPECT_EQ(CountAt(t21, "clients"), 2);
  EXPECT_EQ(CountAt(t21, "new"), 1);
  EXPECT_EQ(CountAt(t21, "multi_year"), 1);
  EXPECT_EQ(CountAt(t21, "woman"), 1);
  EXPECT_EQ(CountAt(t21, "man"), 1);
  const auto& t23 = TableOf(report, "2.3");
  EXPECT_EQ(CountAt(t23, "unknown"), 1);
  EXPECT_EQ(CountAt(t23, "total"), 2);
  const auto& t24 = TableOf(report, "2.4");
  EXPECT_EQ(CountAt(t24, "unknown", 2), 1);
  EXPECT_EQ(CountAt(t24, "33_50", 2), 1);  // 2026 - 1990 = 36.
  EXPECT_EQ(CountAt(t24, "total", 2), 2);
  // Nobody met in person twice in 2025 (`old` once).
  EXPECT_EQ(CountAt(t24, "total", 1), 0);
  const auto& t25 = TableOf(report, "2.5");
  EXPECT_EQ(CountAt(t25, "pregnant_new_clients"), 1);
  EXPECT_EQ(CountAt(t25, "children_with_new_clients"), 2);
  const auto& t210 = TableOf(report, "2.10");
  EXPECT_EQ(CountAt(t210, "man"), 1);
  EXPECT_EQ(CountAt(t210, "protection_granted"), 1);

  ASSERT_EQ(report.warnings_size(), 2);
  EXPECT_EQ(report.warnings(0).code(), "clients_without_nationality");
  EXPECT_EQ(report.warnings(1).code(), "clients_without_birth_year");
}

// The hub assists adults only, so an age under 18 in a column's year (a
// record from before the hub refused those, or a wrong birth year) is
// unknown there, as no birth year is: not 18-24, not in the mean. Before,
// 16 counted as 18-24 and lowered the mean.
TEST(AnnualReportTest, AnAgeUnder18IsUnknownNotAnAdultGroup) {
  ReportInput input;
  input.year = 2026;
  PersonBuilder young("P-YNG0000001", v1::GENDER_WOMAN, 2008);
  young.Stay(At(2024, 5, 1), 3).Stay(At(2026, 5, 1), 3);
  PersonBuilder adult("P-ADL0000001", v1::GENDER_WOMAN, 1990);
  adult.Stay(At(2024, 5, 1), 3);
  input.persons = {young.Build(), adult.Build()};

  const v1::AnnualReport report = Internal(input);
  const auto& t24 = TableOf(report, "2.4");
  // 2024: 16 and 34.
  EXPECT_EQ(CountAt(t24, "18_24", 0), 0);
  EXPECT_EQ(CountAt(t24, "unknown", 0), 1);
  EXPECT_EQ(CountAt(t24, "33_50", 0), 1);
  EXPECT_EQ(CountAt(t24, "total", 0), 2);
  for (const v1::ReportRow& row : t24.rows()) {
    if (row.key() == "mean") {
      EXPECT_DOUBLE_EQ(row.cells(0).decimal(), 34.0);
    }
  }
  // 2026: 18.
  EXPECT_EQ(CountAt(t24, "18_24", 2), 1);
  EXPECT_EQ(CountAt(t24, "unknown", 2), 0);
  // And the data checks say why 2024 has an unknown age.
  int64_t under_18 = -1;
  for (const v1::DataWarning& w : report.warnings()) {
    if (w.code() == "clients_under_18") under_18 = w.count();
  }
  EXPECT_EQ(under_18, 1);
}

TEST(AnnualReportTest, PoliceReportsByStatusAtYearEnd) {
  ReportInput input;
  input.year = 2026;
  PersonBuilder p("P-POL0000001");
  p.Start(At(2026, 1, 5)).Meet(At(2026, 1, 6)).Meet(At(2026, 1, 13));
  auto& report = p.Add(At(2026, 3, 1));
  report.mutable_police_report()->set_offence(v1::OFFENCE_TRAFFICKING);
  const std::string report_id = report.id();
  auto* s1 = p.Add(At(2026, 4, 1)).mutable_police_report_status();
  s1->set_report_id(report_id);
  s1->set_status(v1::POLICE_REPORT_STATUS_UNDER_INVESTIGATION);
  // Dropped on 1 January: after 31 December, so not yet.
  auto* s2 = p.Add(At(2027, 1, 1, 1)).mutable_police_report_status();
  s2->set_report_id(report_id);
  s2->set_status(v1::POLICE_REPORT_STATUS_DROPPED);
  auto& robbery = p.Add(At(2026, 5, 1));
  robbery.mutable_police_report()->set_offence(v1::OFFENCE_ROBBERY);
  PersonBuilder witness("P-WIT0000001");
  witness.Start(At(2026, 1, 5)).Meet(At(2026, 1, 6)).Meet(At(2026, 1, 13));
  witness.Add(At(2026, 6, 1)).mutable_evidence_given();
  PersonBuilder open("P-OPN0000001");
  open.Start(At(2026, 1, 5)).Meet(At(2026, 1, 6)).Meet(At(2026, 1, 13));
  open.Add(At(2026, 6, 1))
      .mutable_police_report()
      ->set_offence(v1::OFFENCE_TRAFFICKING);
  input.persons = {p.Build(), witness.Build(), open.Build()};

  const v1::AnnualReport result = Internal(input);
  const auto& t = TableOf(result, "2.9");
  EXPECT_EQ(CountAt(t, "clients_reporting_trafficking"), 2);
  EXPECT_EQ(CountAt(t, "trafficking_under_investigation"), 1);
  EXPECT_EQ(CountAt(t, "trafficking_dropped"), 0);
  EXPECT_EQ(CountAt(t, "trafficking_no_status"), 1);
  EXPECT_EQ(CountAt(t, "trafficking_reports"), 2);
  EXPECT_EQ(CountAt(t, "offence_robbery"), 1);
  EXPECT_EQ(CountAt(t, "evidence_without_report"), 1);
  ASSERT_EQ(result.warnings_size(), 1);
  EXPECT_EQ(result.warnings(0).code(), "trafficking_reports_without_status");
}

TEST(AnnualReportTest, StaysAndActivities) {
  ReportInput input;
  input.year = 2026;
  input.facility_kinds = {{"ks-oslo", v1::PARTNER_KIND_SHELTER},
                          {"lauras-hus", v1::PARTNER_KIND_REINFORCED_HOUSING}};
  PersonBuilder p("P-ACT0000001");
  p.Start(At(2026, 1, 5))
      .Stay(At(2026, 1, 5), 10)
      .Stay(At(2026, 3, 1), 4, "lauras-hus");
  auto* prison = p.Add(At(2026, 5, 1)).mutable_stay();
  prison->mutable_other_place()->set_kind(v1::OTHER_PLACE_KIND_PRISON);
  prison->mutable_other_place()->set_name("Bredtveit");  // Nights unknown.
  auto& work = p.Add(At(2025, 6, 1));
  work.mutable_activity()->set_kind(v1::ACTIVITY_KIND_WORK_PRACTICE);
  work.mutable_activity()->set_host("Fretex");
  auto& course = p.Add(At(2024, 1, 1));
  course.mutable_activity()->set_kind(v1::ACTIVITY_KIND_NORWEGIAN_COURSE);
  *course.mutable_activity()->mutable_ended_at() = At(2025, 12, 1);
  auto& programme = p.Add(At(2026, 2, 1));
  programme.mutable_activity()->set_kind(v1::ACTIVITY_KIND_ROSA_PROGRAMME);
  input.persons = {p.Build()};

  const v1::AnnualReport report = Internal(input);
  const auto& stays = TableOf(report, "2.6");
  EXPECT_EQ(CountAt(stays, "clients_with_stay"), 1);
  EXPECT_EQ(CountAt(stays, "crisis_centre"), 1);
  EXPECT_EQ(CountAt(stays, "reinforced_housing"), 1);
  EXPECT_EQ(CountAt(stays, "prison"), 1);
  EXPECT_EQ(CountAt(stays, "distinct_places"), 3);
  const auto& acts = TableOf(report, "2.11");
  EXPECT_EQ(CountAt(acts, "work_practice:Fretex"), 1);
  EXPECT_EQ(CountAt(acts, "norwegian_course"), 0);  // Ended in 2025.
  EXPECT_EQ(CountAt(acts, "rosa_programme_new"), 1);
  ASSERT_EQ(report.warnings_size(), 1);
  EXPECT_EQ(report.warnings(0).code(), "stays_without_nights");
}

TEST(AnnualReportTest, EveryTableOfTheSpecInOrder) {
  ReportInput input;
  input.year = 2026;
  const v1::AnnualReport report = Internal(input);
  std::vector<std::string> ids;
  for (const auto& t : report.tables()) ids.push_back(t.id());
  EXPECT_EQ(ids,
            (std::vector<std::string>{"1.1", "1.2", "1.3", "1.4", "1.5", "1.6",
                                      "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
                                      "2.7", "2.8", "2.9", "2.10", "2.11"}));
}

}  // namespace
}  // namespace rosa::report
