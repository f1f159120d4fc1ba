// The annual report's definitions, each with its edge cases: who is a
// client (repeated in-person contacts or a night, not phone calls), new versus
// multi-year (assistance spanning New Year, a person assisted in two
// years), nights of a stay split at New Year, residence status at intake
// and at 31 December (changes on 31 December and on 1 January).
#include "hub/report/client_year.h"

#include "gtest/gtest.h"
#include "hub/report/annual_report.h"
#include "tests/hub/report/report_builders.h"

namespace rosa::report {
namespace {

using testing::At;
using testing::CountAt;
using testing::PersonBuilder;
using testing::TableOf;
namespace v1 = rosa::hub::v1;

TEST(ClientYearTest, PhoneContactsAloneDoNotMakeAClient) {
  PersonBuilder p("P-PHONE00001");
  p.Start(At(2026, 2, 1))
      .Meet(At(2026, 3, 1), v1::CONTACT_MODE_PHONE)
      .Meet(At(2026, 3, 8), v1::CONTACT_MODE_PHONE)
      .Meet(At(2026, 3, 15), v1::CONTACT_MODE_PHONE);
  EXPECT_FALSE(IsClient(p.Build(), 2026));
  // Nor do they make up the second of two in-person contacts.
  p.Meet(At(2026, 4, 1));
  EXPECT_FALSE(IsClient(p.Build(), 2026));
  p.Meet(At(2026, 4, 8));
  EXPECT_TRUE(IsClient(p.Build(), 2026));
}

// "Repeated" conversations: one in-person contact in the year is not enough;
// two are, and they must fall in the same year.
TEST(ClientYearTest, OneInPersonContactIsNotAClientTwoAre) {
  static_assert(kMinInPersonContacts == 2);
  PersonBuilder once("P-ONCE000001");
  once.Start(At(2026, 2, 1)).Meet(At(2026, 2, 3));
  EXPECT_FALSE(IsClient(once.Build(), 2026));
  once.Meet(At(2025, 11, 3));  // The year before: does not add up.
  EXPECT_FALSE(IsClient(once.Build(), 2026));
  EXPECT_FALSE(IsClient(once.Build(), 2025));
  once.Meet(At(2026, 10, 3));
  EXPECT_TRUE(IsClient(once.Build(), 2026));
  EXPECT_FALSE(IsClient(once.Build(), 2025));
}

TEST(ClientYearTest, AssistanceSpanningNewYearIsNewOnceThenMultiYear) {
  PersonBuilder p("P-SPAN000001");
  p.Start(At(2025, 12, 20))
      .Meet(At(2025, 12, 22))
      .Meet(At(2025, 12, 29))
      .Meet(At(2026, 1, 5))
      .Meet(At(2026, 1, 12));
  EXPECT_TRUE(IsClient(p.Build(), 2025));
  EXPECT_TRUE(IsNew(p.Build(), 2025));
  EXPECT_TRUE(IsClient(p.Build(), 2026));
  EXPECT_FALSE(IsNew(p.Build(), 2026));  // Multi-year in the second year.
  EXPECT_FALSE(IsClient(p.Build(), 2027));
}

TEST(ClientYearTest, NewYearsEveInOsloIsTheOldYear) {
  PersonBuilder p("P-EVE0000001");
  // 23:00 on 31 December in Oslo is 22:00 UTC: still 2025, so 2025 has two
  // in-person contacts and 2026 only one.
  p.Start(At(2025, 12, 31, 23))
      .Meet(At(2025, 12, 20))
      .Meet(At(2025, 12, 31, 23))
      .Meet(At(2026, 1, 10));
  EXPECT_TRUE(IsNew(p.Build(), 2025));
  EXPECT_TRUE(IsClient(p.Build(), 2025));
  EXPECT_FALSE(IsClient(p.Build(), 2026));
}

TEST(ClientYearTest, StayNightsAreSplitAtNewYear) {
  PersonBuilder p("P-STAY000001");
  p.Stay(At(2025, 12, 30), 5);  // Nights of 30, 31 Dec and 1, 2, 3 Jan.
  const PersonRecords built = p.Build();
  const auto& stay = built.journal.back();
  EXPECT_EQ(StayNightsIn(stay, 2025), 2);
  EXPECT_EQ(StayNightsIn(stay, 2026), 3);
  EXPECT_EQ(StayNightsIn(stay, 2024), 0);
  // A night's stay alone makes a client, in both years.
  EXPECT_TRUE(IsClient(p.Build(), 2025));
  EXPECT_TRUE(IsClient(p.Build(), 2026));
}

TEST(ClientYearTest, ResidenceStatusAtIntakeAndOnThirtyFirstDecember) {
  ReportInput input;
  input.year = 2026;
  PersonBuilder a("P-DEC3100001");
  a.Status(At(2026, 3, 1, 9), v1::RESIDENCE_STATUS_ASYLUM_SEEKER)
      .Start(At(2026, 3, 1, 8))  // The same day: the day's status counts.
      .Meet(At(2026, 3, 2))
      .Meet(At(2026, 3, 9))
      .Status(At(2026, 12, 31, 23), v1::RESIDENCE_STATUS_RESIDENCE_PERMIT);
  PersonBuilder b("P-JAN0100001");
  b.Status(At(2026, 2, 1), v1::RESIDENCE_STATUS_NO_PERMIT)
      .Start(At(2026, 2, 1))
      .Meet(At(2026, 2, 2))
      .Meet(At(2026, 2, 9))
      .Status(At(2027, 1, 1, 0), v1::RESIDENCE_STATUS_RESIDENCE_PERMIT);
  input.persons = {a.Build(), b.Build()};
  const auto report = ComputeAnnualReport(input, v1::REPORT_EDITION_INTERNAL);
  const auto& intake = TableOf(report, "2.7");
  EXPECT_EQ(CountAt(intake, "asylum_seeker"), 1);
  EXPECT_EQ(CountAt(intake, "no_permit"), 1);
  EXPECT_EQ(CountAt(intake, "total"), 2);
  const auto& year_end = TableOf(report, "2.8");
  EXPECT_EQ(CountAt(year_end, "residence_permit"), 1);  // 31 Dec counts.
  EXPECT_EQ(CountAt(year_end, "no_permit"), 1);         // 1 Jan does not.
  EXPECT_EQ(CountAt(year_end, "total"), 2);
}

TEST(ClientYearTest, ExploitationFormsCombineToMixed) {
  v1::PersonProfile p;
  EXPECT_EQ(ExploitationIndex(p), 3);
  p.add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
  EXPECT_EQ(ExploitationIndex(p), 0);
  p.add_exploitation_forms(v1::EXPLOITATION_FORM_FORCED_LABOUR);
  EXPECT_EQ(ExploitationIndex(p), 2);
}

}  // namespace
}  // namespace rosa::report
