// The published edition's suppression: no visible cell between 1 and 2,
// and no hidden cell recomputable from its row or column totals; tested
// with tables built to tempt it (one small cell in a row, two 2s adding up
// to a visible total, a small cell whose only partner is a zero, a country
// of one beside an empty "unknown"), and as a property over many random
// tables, checked by enumerating what a reader could take the hidden cells
// to be.
#include "hub/report/suppression.h"

#include <functional>
#include <map>
#include <random>
#include <set>

#include "gtest/gtest.h"
#include "hub/report/report_tables.h"

namespace rosa::report {
namespace {

// A rows x cols table of `values` with a total column and a total row.
Table Grid(const std::vector<std::vector<int64_t>>& values) {
  Table t{.id = "t"};
  const int cols = static_cast<int>(values[0].size());
  for (int c = 0; c < cols; ++c) t.columns.push_back("c");
  t.columns.push_back("total");
  std::vector<int64_t> totals(cols + 1, 0);
  for (const auto& row : values) {
    std::vector<int64_t> cells = row;
    int64_t sum = 0;
    for (int c = 0; c < cols; ++c) {
      sum += row[c];
      totals[c] += row[c];
    }
    cells.push_back(sum);
    totals[cols] += sum;
    t.AddCounts("r", "r", "r", cells);
  }
  const int rows = static_cast<int>(values.size());
  t.AddCounts("total", "t", "t", totals);
  t.SumRows(0, rows, rows);
  t.SumColumns(0, rows + 1, 0, cols, cols);
  return t;
}

// The values each hidden part of `g` can take for a reader who sees the
// visible members and the total, takes each "<3" for at most 2 (or, when
// the hidden parts add up to more than that allows, for at most their sum)
// and knows each row's least: every assignment, enumerated.
std::vector<std::set<int64_t>> ReaderCandidates(const Table& t,
                                                const SumGroup& g) {
  int64_t sum = t.at(g.total).count;
  std::vector<int64_t> least;
  for (const CellRef& r : g.parts) {
    if (t.at(r).suppressed) {
      least.push_back(t.rows[r.row].least);
    } else {
      sum -= t.at(r).count;
    }
  }
  const int64_t n = static_cast<int64_t>(least.size());
  const int64_t most = sum <= 2 * n ? 2 : sum;
  std::vector<std::set<int64_t>> seen(least.size());
  std::vector<int64_t> x(least.size());
  std::function<void(size_t, int64_t)> walk = [&](size_t i, int64_t left) {
    if (i == x.size()) {
      if (left != 0) return;
      for (size_t k = 0; k < x.size(); ++k) seen[k].insert(x[k]);
      return;
    }
    for (int64_t v = least[i]; v <= std::min(most, left); ++v) {
      x[i] = v;
      walk(i + 1, left - v);
    }
  };
  walk(0, sum);
  return seen;
}

// Every visible count (statistics aside) is 0 or at least 3, and no group
// gives a hidden cell away: never exactly one member hidden, and under a
// visible total every hidden part can take two values or more.
void ExpectSafe(const Table& t) {
  for (const Row& row : t.rows) {
    if (row.kind == RowKind::kStatistic) continue;
    for (const Cell& cell : row.cells) {
      if (!cell.suppressed) {
        EXPECT_FALSE(cell.count == 1 || cell.count == 2);
      }
    }
  }
  for (const SumGroup& g : t.groups) {
    EXPECT_FALSE(GroupDisclosesCell(t, g));
    int hidden = t.at(g.total).suppressed;
    for (const CellRef& r : g.parts) hidden += t.at(r).suppressed;
    EXPECT_NE(hidden, 1);
    if (hidden == 0 || t.at(g.total).suppressed) continue;
    for (const std::set<int64_t>& values : ReaderCandidates(t, g)) {
      EXPECT_GE(values.size(), 2u);
    }
  }
}

// Rows `counts` with a total; rows marked in `countries` are at least 1.
Table Column(const std::vector<int64_t>& counts,
             const std::set<int>& countries = {}) {
  Table t{.id = "t", .columns = {"n"}};
  int64_t total = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    const int row = t.AddCounts("r", "r", "r", {counts[i]});
    if (countries.contains(static_cast<int>(i))) t.rows[row].least = 1;
    total += counts[i];
  }
  const int rows = static_cast<int>(counts.size());
  t.AddCounts("total", "t", "t", {total});
  t.SumRows(0, rows, rows);
  return t;
}

TEST(SuppressionTest, OneSmallCellInARowHidesAnother) {
  Table t = Grid({{1, 10, 20}});
  SuppressSmallCells(t);
  EXPECT_TRUE(t.at({0, 0}).suppressed);
  // The row total and the column total would each give it away.
  EXPECT_TRUE(t.at({0, 1}).suppressed);
  ExpectSafe(t);
}

TEST(SuppressionTest, TwoTwosAddingUpToAVisibleTotalHideAThird) {
  // 2 + 2 + 7 = 11: with 7 and 11 shown, the hidden pair sums to 4, and
  // two cells below 3 summing to 4 are both 2.
  Table t{.id = "t", .columns = {"n"}};
  t.AddCounts("a", "a", "a", {2});
  t.AddCounts("b", "b", "b", {2});
  t.AddCounts("c", "c", "c", {7});
  t.AddCounts("total", "t", "t", {11});
  t.SumRows(0, 3, 3);
  SuppressSmallCells(t);
  EXPECT_TRUE(t.at({2, 0}).suppressed);
  ExpectSafe(t);
}

TEST(SuppressionTest, AZeroIsHiddenFirst) {
  Table t{.id = "t", .columns = {"n"}};
  t.AddCounts("a", "a", "a", {1});
  t.AddCounts("b", "b", "b", {0});
  t.AddCounts("c", "c", "c", {40});
  t.AddCounts("total", "t", "t", {41});
  t.SumRows(0, 3, 3);
  SuppressSmallCells(t);
  EXPECT_TRUE(t.at({1, 0}).suppressed);
  EXPECT_FALSE(t.at({2, 0}).suppressed);
  EXPECT_FALSE(t.at({3, 0}).suppressed);
  ExpectSafe(t);
}

TEST(SuppressionTest, DerivedFiguresFollowTheirColumnStatisticsStay) {
  Table t{.id = "t", .columns = {"2026", "2025"}};
  t.AddCounts("accepted", "a", "a", {2, 30});
  t.AddCounts("declined", "d", "d", {10, 12});
  t.AddCounts("total", "t", "t", {12, 42});
  t.SumRows(0, 2, 2);
  t.AddDecimals("share", "s", "s", {16.7, 71.4});
  t.AddCounts("distinct", "d", "d", {1, 2}, RowKind::kStatistic);
  SuppressSmallCells(t);
  EXPECT_TRUE(t.at({3, 0}).suppressed);  // Would give 2 of 12 away.
  EXPECT_FALSE(t.at({3, 1}).suppressed);
  EXPECT_FALSE(t.at({4, 0}).suppressed);  // Not a count of people.
  ExpectSafe(t);
}

TEST(SuppressionTest, ACountryOfOneBesideAnEmptyUnknownHidesAnother) {
  // RO 10, NG 1, unknown 0, total 11: NG and "unknown" hidden leave a sum
  // of 1, and a country row is at least 1, so NG = 1.
  Table t =
      NationalityTable("1.5", "n", "n", "persons", {{"RO", 10}, {"NG", 1}}, 0);
  SuppressSmallCells(t);
  EXPECT_TRUE(t.at({1, 0}).suppressed);  // NG.
  EXPECT_TRUE(t.at({0, 0}).suppressed || t.at({3, 0}).suppressed);
  ExpectSafe(t);
}

TEST(SuppressionTest, TwoCountriesOfOneHideAThird) {
  // RO 10, NG 1, VN 1, total 12: the hidden pair adds up to 2 and each is
  // a country, so each is 1.
  Table t = NationalityTable("1.5", "n", "n", "persons",
                             {{"RO", 10}, {"NG", 1}, {"VN", 1}}, 0);
  SuppressSmallCells(t);
  EXPECT_TRUE(t.at({0, 0}).suppressed || t.at({4, 0}).suppressed);
  ExpectSafe(t);
}

TEST(SuppressionTest, HiddenCellsThatCanStillVaryAreEnough) {
  // 1 + 2 + 0 (hidden zero) under 30: the hidden sum 3 splits many ways.
  Table t = Column({1, 2, 0, 27});
  SuppressSmallCells(t);
  EXPECT_FALSE(t.at({3, 0}).suppressed);
  EXPECT_FALSE(t.at({4, 0}).suppressed);
  ExpectSafe(t);
}

TEST(SuppressionTest, RandomColumnsWithCountriesAreAlwaysSafe) {
  std::mt19937 random(20261207);
  std::uniform_int_distribution<int> size(1, 6);
  std::discrete_distribution<int> value({20, 25, 25, 10, 10, 5, 5});
  std::bernoulli_distribution country(0.5);
  for (int round = 0; round < 3000; ++round) {
    std::vector<int64_t> counts(size(random));
    std::set<int> countries;
    for (size_t i = 0; i < counts.size(); ++i) {
      counts[i] = value(random);
      if (counts[i] > 0 && country(random)) {
        countries.insert(static_cast<int>(i));
      }
    }
    Table t = Column(counts, countries);
    SuppressSmallCells(t);
    ExpectSafe(t);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

TEST(SuppressionTest, SameFiguresAreHiddenTogether) {
  // 2.1-like: clients 5 = new 1 + multi-year 4; 2.10-like shows the
  // multi-year total alone, which would give "new" away.
  Table summary{.id = "a", .columns = {"n"}};
  summary.AddCounts("new", "n", "n", {1});
  summary.AddCounts("multi_year", "m", "m", {4});
  summary.AddCounts("clients", "c", "c", {5});
  summary.SumRows(0, 2, 2);
  Table multi{.id = "b", .columns = {"n"}};
  multi.AddCounts("total", "t", "t", {4});
  std::vector<Table> tables = {summary, multi};
  SuppressReportCells(tables,
                      {{{"a", "multi_year", "n"}, {"b", "total", "n"}}});
  EXPECT_TRUE(tables[0].at({1, 0}).suppressed);
  EXPECT_TRUE(tables[1].at({0, 0}).suppressed);
  // Without the link, table b alone shows 4 (and so gives "new" away).
  std::vector<Table> unlinked = {summary, multi};
  SuppressReportCells(unlinked, {});
  EXPECT_FALSE(unlinked[1].at({0, 0}).suppressed);
}

TEST(SuppressionTest, RandomTablesAreAlwaysSafe) {
  std::mt19937 random(20261206);
  std::uniform_int_distribution<int> size(1, 5);
  // Mostly small figures, to tempt it.
  std::discrete_distribution<int> value({20, 25, 25, 10, 10, 5, 5});
  for (int round = 0; round < 2000; ++round) {
    const int rows = size(random), cols = size(random);
    std::vector<std::vector<int64_t>> values(rows, std::vector<int64_t>(cols));
    for (auto& row : values) {
      for (auto& v : row) v = value(random);
    }
    Table t = Grid(values);
    SuppressSmallCells(t);
    ExpectSafe(t);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

}  // namespace
}  // namespace rosa::report
