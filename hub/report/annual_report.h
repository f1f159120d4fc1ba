// ROSA's annual report from plain rows: every table of
// ../shared/annual-report.md (1.1 ... 2.11, in that order), suppressed for
// the published edition (suppression.h), and the data checks: counts of
// what is missing, which the tables show as "unknown" so that totals add
// up.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REPORT_ANNUAL_REPORT_H_
#define ROSA_HUB_REPORT_ANNUAL_REPORT_H_

#include <vector>

#include "hub/report/report_input.h"
#include "rosa/hub/v1/report.pb.h"

namespace rosa::report {

// The data checks for input.year, in a fixed order; only those with a
// count above 0:
//   clients_without_nationality, clients_without_birth_year,
//   clients_without_gender, clients_without_assistance_start,
//   stays_without_nights, trafficking_reports_without_status,
//   victim_inquiries_without_first_time, clients_under_18.
std::vector<rosa::hub::v1::DataWarning> DataChecks(const ReportInput& input);

// REQUIRES: edition is INTERNAL or PUBLISHED.
rosa::hub::v1::AnnualReport ComputeAnnualReport(
    const ReportInput& input, rosa::hub::v1::ReportEdition edition);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_ANNUAL_REPORT_H_
