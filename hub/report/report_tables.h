// The annual report's tables, computed from plain rows (report_input.h)
// with the definitions of client_year.h. Each function returns its tables
// with true figures and their sum groups; suppression comes after.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REPORT_REPORT_TABLES_H_
#define ROSA_HUB_REPORT_REPORT_TABLES_H_

#include <map>
#include <string>
#include <vector>

#include "hub/report/report_input.h"
#include "hub/report/report_table.h"

namespace rosa::report {

// 1.1 to 1.6 (hotline_tables.cc).
std::vector<Table> HotlineTables(const ReportInput& input);
// 2.1 to 2.5 (client_tables.cc).
std::vector<Table> ClientTables(const ReportInput& input);
// 2.6 to 2.11 (care_tables.cc).
std::vector<Table> CareTables(const ReportInput& input);

// Persons per country, most first (then by code), "unknown" last, then the
// total and the number of distinct countries. Shared by 1.5 and 2.3.
Table NationalityTable(std::string id, std::string en, std::string no,
                       std::string column,
                       const std::map<std::string, int64_t>& by_country,
                       int64_t unknown);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_TABLES_H_
