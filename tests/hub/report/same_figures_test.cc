// The figures same_figures.h declares one number: over many random inputs
// each set names existing count cells that hold one value in the internal
// edition (so a drifting definition fails here), and the published edition
// hides each set whole or not at all. Also the helper review's cases: a
// table repeating a total (2.10's multi-year clients, 2.1's new ones) and
// an age (2.4's youngest) no longer give a hidden cell away.
#include "hub/report/same_figures.h"

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "hub/report/annual_report.h"
#include "tests/hub/report/report_builders.h"

namespace rosa::report {
namespace {

using testing::At;
using testing::PersonBuilder;
using testing::TableOf;
using testing::VictimCall;
namespace v1 = rosa::hub::v1;

// The cell `ref` names in `report`, or nullptr.
const v1::ReportCell* CellOf(const v1::AnnualReport& report,
                             const FigureRef& ref) {
  for (const v1::ReportTable& t : report.tables()) {
    if (t.id() != ref.table) continue;
    for (int c = 0; c < t.columns_size(); ++c) {
      if (t.columns(c) != ref.column) continue;
      for (const v1::ReportRow& r : t.rows()) {
        if (r.key() == ref.row) return &r.cells(c);
      }
    }
  }
  return nullptr;
}

std::string Name(const FigureRef& ref) {
  return absl::StrCat(ref.table, "/", ref.row, "/", ref.column);
}

ReportInput RandomInput(std::mt19937& random) {
  ReportInput input;
  input.year = 2026;
  std::uniform_int_distribution<int> persons(0, 12), gender(0, 4), month(1, 12),
      year(2024, 2026), country(0, 3), form(0, 4), nights(0, 3),
      birth(1950, 2005), status(0, 12), caller(1, 19), topic(1, 5),
      outcome(0, 5), count(1, 4);
  std::bernoulli_distribution coin(0.5);
  const char* countries[] = {"", "RO", "NG", "VN"};
  for (int i = 0, n = persons(random); i < n; ++i) {
    PersonBuilder p(
        absl::StrCat("P-", i), static_cast<v1::Gender>(gender(random)),
        coin(random) ? birth(random) : 0, countries[country(random)]);
    p.records().profile.clear_exploitation_forms();
    for (int f = 0, k = count(random) - 1; f < k; ++f) {
      p.records().profile.add_exploitation_forms(
          static_cast<v1::ExploitationForm>(form(random)));
    }
    if (coin(random)) p.Start(At(year(random), month(random), 3));
    if (coin(random)) {
      p.Status(At(year(random), month(random), 4),
               static_cast<v1::ResidenceStatus>(status(random)));
    }
    for (int k = 0, m = count(random); k < m; ++k) {
      p.Meet(At(year(random), month(random), 5));
    }
    if (coin(random))
      p.Stay(At(year(random), month(random), 6), nights(random));
    input.persons.push_back(p.Build());
  }
  for (int i = 0, n = persons(random) * 2; i < n; ++i) {
    const auto at = At(year(random), month(random), 7);
    if (coin(random)) {
      input.inquiries.push_back(VictimCall(
          at, count(random), static_cast<v1::Gender>(gender(random)),
          static_cast<v1::ExploitationForm>(form(random)),
          countries[country(random)],
          static_cast<v1::InquiryOutcome>(outcome(random)), coin(random)));
    } else {
      input.inquiries.push_back(
          testing::Call(at, static_cast<v1::InquiryTopic>(topic(random)),
                        static_cast<v1::CallerType>(caller(random))));
    }
  }
  return input;
}

TEST(SameFiguresTest, EachSetIsOneNumberAndHiddenWholeOrNotAtAll) {
  std::mt19937 random(20261207);
  for (int round = 0; round < 300; ++round) {
    const ReportInput input = RandomInput(random);
    const v1::AnnualReport internal =
        ComputeAnnualReport(input, v1::REPORT_EDITION_INTERNAL);
    const v1::AnnualReport published =
        ComputeAnnualReport(input, v1::REPORT_EDITION_PUBLISHED);
    for (const SameFigure& set : SameFigures(input.year)) {
      ASSERT_GE(set.size(), 2u);
      const v1::ReportCell* first = CellOf(internal, set[0]);
      ASSERT_NE(first, nullptr) << Name(set[0]);
      const bool hidden = CellOf(published, set[0])->suppressed();
      for (const FigureRef& ref : set) {
        const v1::ReportCell* cell = CellOf(internal, ref);
        ASSERT_NE(cell, nullptr) << Name(ref);
        ASSERT_TRUE(cell->has_count()) << Name(ref);
        EXPECT_EQ(cell->count(), first->count())
            << Name(ref) << " vs " << Name(set[0]) << ", round " << round;
        EXPECT_EQ(CellOf(published, ref)->suppressed(), hidden) << Name(ref);
      }
    }
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(SameFiguresTest, MultiYearTotalNoLongerGivesNewAway) {
  // 4 multi-year clients and 1 new, all women: 2.1 hides "new" (1); 2.10
  // showed the multi-year total 4, and 5 - 4 gave it away.
  ReportInput input;
  input.year = 2026;
  for (int i = 0; i < 5; ++i) {
    PersonBuilder p(absl::StrCat("P-", i));
    p.Start(At(i == 0 ? 2026 : 2024, 2, 1));
    p.Meet(At(2026, 3, 1)).Meet(At(2026, 4, 1));
    input.persons.push_back(p.Build());
  }
  const v1::AnnualReport report =
      ComputeAnnualReport(input, v1::REPORT_EDITION_PUBLISHED);
  EXPECT_TRUE(CellOf(report, {"2.1", "new", "clients"})->suppressed());
  EXPECT_TRUE(CellOf(report, {"2.1", "multi_year", "clients"})->suppressed());
  EXPECT_TRUE(CellOf(report, {"2.10", "total", "clients"})->suppressed());
}

TEST(SameFiguresTest, YoungestNoLongerGivesAnAgeGroupAway) {
  // Ages 40 x 10, 60 x 5 and 27: 18-24 (0) is hidden beside 25-32 (1); a
  // youngest of 27 said 18-24 was empty, and so 25-32 was 1, aged 27.
  ReportInput input;
  input.year = 2026;
  const int births[] = {1986, 1966, 1999};
  const int counts[] = {10, 5, 1};
  for (int b = 0; b < 3; ++b) {
    for (int i = 0; i < counts[b]; ++i) {
      PersonBuilder p(absl::StrCat("P-", b, "-", i), v1::GENDER_WOMAN,
                      births[b]);
      p.Meet(At(2026, 3, 1)).Meet(At(2026, 4, 1));
      input.persons.push_back(p.Build());
    }
  }
  const v1::AnnualReport report =
      ComputeAnnualReport(input, v1::REPORT_EDITION_PUBLISHED);
  EXPECT_TRUE(CellOf(report, {"2.4", "25_32", "2026"})->suppressed());
  EXPECT_TRUE(CellOf(report, {"2.4", "youngest", "2026"})->suppressed());
  EXPECT_TRUE(CellOf(report, {"2.4", "oldest", "2026"})->suppressed());
}

}  // namespace
}  // namespace rosa::report
