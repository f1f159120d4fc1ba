// The published edition's disclosure control. Primary: every count cell of
// 1 or 2 is hidden ("<3"). Secondary: in every sum group (parts adding up
// to a total, as the table declares them) no hidden cell may be pinned to
// one value by what a reader sees: the visible members, the total, that a
// "<3" is at most 2, and the least each row can be (a country row is at
// least 1). So a group may not hide exactly one member, nor, under a
// visible total, hide parts whose known sum leaves one of them a single
// value (two 2s under their total; a hidden country of 1 beside a hidden
// "unknown" of 0). Such a group hides one more member, the smallest (zeros
// first, which "<3" describes truthfully; parts before the total), until no
// group needs more. Figures that are the same number in two tables (2.1's
// clients and 2.3's total) are hidden together, so that neither table
// undoes the other's suppression. Derived rows (shares, means, youngest
// and oldest) are hidden in any column where a count is hidden. Statistic
// rows are never hidden.
// A hidden cell larger than 2 still shows as "<3": the edition promises
// only that no hidden figure can be recovered (see hub/report/README.md).
// Thread-safety: pure functions on the caller's tables.
#ifndef ROSA_HUB_REPORT_SUPPRESSION_H_
#define ROSA_HUB_REPORT_SUPPRESSION_H_

#include <string>
#include <vector>

#include "hub/report/report_table.h"

namespace rosa::report {

// One figure of a report: table id, row key, column key.
struct FigureRef {
  std::string table;
  std::string row;
  std::string column;
};

// Figures that are one number by their definitions (same_figures.h).
using SameFigure = std::vector<FigureRef>;

// Marks cells of every table suppressed as above, `same` hidden together.
// A reference that names no cell is skipped (same_figures_test checks that
// every one does). Idempotent.
void SuppressReportCells(std::vector<Table>& tables,
                         const std::vector<SameFigure>& same);

// The same for one table alone.
void SuppressSmallCells(Table& table);

// True when the group gives a hidden cell away by the rule above.
bool GroupDisclosesCell(const Table& table, const SumGroup& group);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_SUPPRESSION_H_
