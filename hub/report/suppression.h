// The published edition's disclosure control. Primary: every count cell of
// 1 or 2 is hidden ("<3"). Secondary: in every sum group (parts adding up
// to a total, as the table declares them) a hidden cell must not be
// recomputable from the visible ones, so a group may not hide exactly one
// cell, nor, with its total shown, hide only cells that are all 2 (their
// sum would then give each of them away); such a group hides one more
// member, the smallest
// (zeros first, which "<3" describes truthfully; parts before the total),
// until no group needs more. Derived rows (shares, means) are hidden in any
// column where a count is hidden. Statistic rows are never hidden.
// A hidden cell larger than 2 still shows as "<3": the edition promises
// only that no hidden figure can be recovered (see hub/report/README.md).
// Thread-safety: pure function on the caller's table.
#ifndef ROSA_HUB_REPORT_SUPPRESSION_H_
#define ROSA_HUB_REPORT_SUPPRESSION_H_

#include "hub/report/report_table.h"

namespace rosa::report {

// Marks cells of `table` suppressed as above. Idempotent.
void SuppressSmallCells(Table& table);

// True when the group gives a hidden cell away by the rule above: exactly
// one hidden member, or several that are all 2 under a visible total.
bool GroupDisclosesCell(const Table& table, const SumGroup& group);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_SUPPRESSION_H_
