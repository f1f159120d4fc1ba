// The published edition's suppression: no visible cell between 1 and 2,
// and no hidden cell recomputable from its row or column totals; tested
// with tables built to tempt it (one small cell in a row, two 2s adding up
// to a visible total, a small cell whose only partner is a zero) and as a
// property over many random tables.
#include "hub/report/suppression.h"

#include <random>

#include "gtest/gtest.h"

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

// Every visible count (statistics aside) is 0 or at least 3, and no group gives
// a hidden cell away.
void ExpectSafe(const Table& t) {
  for (const Row& row : t.rows) {
    if (row.kind == RowKind::kStatistic) continue;
    for (const Cell& cell : row.cells) {
      if (!cell.suppressed) {
        EXPECT_FALSE(cell.count == 1 || cell.count == 2);
      }
    }
  }
  for (const SumGroup& g : t.groups) EXPECT_FALSE(GroupDisclosesCell(t, g));
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
