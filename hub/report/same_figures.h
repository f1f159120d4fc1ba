// The figures of the annual report that are one number by their
// definitions, in two or more tables: the published edition must hide all
// of them or none (suppression.h), or a table that shows one would give
// away a cell another table hid through it.
// same_figures_test computes reports over many inputs and checks that each
// set holds one number and names existing cells, so a table whose
// definition drifts from its twin fails there.
// Thread-safety: pure function.
#ifndef ROSA_HUB_REPORT_SAME_FIGURES_H_
#define ROSA_HUB_REPORT_SAME_FIGURES_H_

#include <vector>

#include "hub/report/suppression.h"

namespace rosa::report {

// The sets for the report of `year` (2.4's columns are years).
std::vector<SameFigure> SameFigures(int year);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_SAME_FIGURES_H_
