// Reads what the annual report needs from the hub's store (report_input.h)
// in one read transaction, so the figures are one consistent snapshot even
// while the hub writes. Every query filters on an indexed column (see
// ReportQueryPlans and hub/report/README.md).
// Thread-safety: uses the calling thread's connection.
#ifndef ROSA_HUB_REPORT_REPORT_QUERY_H_
#define ROSA_HUB_REPORT_REPORT_QUERY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/partner/partner_registry.h"
#include "hub/report/report_input.h"
#include "hub/store/sqlite.h"

namespace rosa::report {

// Inquiries of year - 1 and year; every person with its journal up to the
// end of `year` and a stay per completed placement referral about it;
// the registry's facilities.
absl::StatusOr<ReportInput> LoadReportInput(store::Connection& conn,
                                            const PartnerRegistry& registry,
                                            int year);

// "<sql>\n  <EXPLAIN QUERY PLAN line>..." for each query LoadReportInput
// runs, for the README and the benchmark.
absl::StatusOr<std::vector<std::string>> ReportQueryPlans(
    store::Connection& conn);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_QUERY_H_
