// The annual report as JSON: one stable schema, "rosa-annual-report/1",
// documented in hub/report/README.md. Every cell is a number or "<3".
// Thread-safety: pure function.
#ifndef ROSA_HUB_REPORT_REPORT_JSON_H_
#define ROSA_HUB_REPORT_REPORT_JSON_H_

#include <string>

#include "rosa/hub/v1/report.pb.h"

namespace rosa::report {

inline constexpr char kReportSchema[] = "rosa-annual-report/1";

// Pretty-printed (two spaces), keys in a fixed order, ending in "\n".
std::string ReportToJson(const rosa::hub::v1::AnnualReport& report);

// "internal" / "published".
const char* EditionName(rosa::hub::v1::ReportEdition edition);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_JSON_H_
