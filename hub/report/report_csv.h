// The annual report as CSV: one file per table (RFC 4180, UTF-8, CRLF),
// header "key,label_en,label_no,<columns>", cells as in the JSON (a number
// or "<3"). Text that a spreadsheet would take for a formula (starting
// with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REPORT_REPORT_CSV_H_
#define ROSA_HUB_REPORT_REPORT_CSV_H_

#include <string>
#include <vector>

#include "rosa/hub/v1/report.pb.h"

namespace rosa::report {

struct CsvFile {
  std::string table_id;  // "1.1"
  std::string bytes;
};

std::vector<CsvFile> ReportToCsv(const rosa::hub::v1::AnnualReport& report);

// One CSV field: neutralised as above, then quoted if it needs to be.
std::string CsvField(const std::string& text);

// A cell as the JSON and CSV show it: "12", "33.5" or "<3".
std::string CellText(const rosa::hub::v1::ReportCell& cell);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_CSV_H_
