#include "hub/report/report_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace rosa::report {

namespace v1 = rosa::hub::v1;

std::string CellText(const v1::ReportCell& cell) {
  switch (cell.value_case()) {
    case v1::ReportCell::kSuppressed:
      return "<3";
    case v1::ReportCell::kDecimal:
      return absl::StrFormat("%.1f", cell.decimal());
    default:
      return absl::StrCat(cell.count());
  }
}

std::string CsvField(const std::string& text) {
  std::string field = text;
  if (!field.empty() &&
      (field[0] == '=' || field[0] == '+' || field[0] == '-' ||
       field[0] == '@' || field[0] == '\t' || field[0] == '\r')) {
    field = absl::StrCat("'", field);  // Not insert(0, ...): GCC 12 -Wrestrict.
  }
  if (field.find_first_of(",\"\r\n") != std::string::npos) {
    field =
        absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
  }
  return field;
}

std::vector<CsvFile> ReportToCsv(const v1::AnnualReport& report) {
  std::vector<CsvFile> files;
  for (const v1::ReportTable& t : report.tables()) {
    std::string csv = "key,label_en,label_no";
    for (const std::string& c : t.columns()) {
      absl::StrAppend(&csv, ",", CsvField(c));
    }
    csv += "\r\n";
    for (const v1::ReportRow& r : t.rows()) {
      absl::StrAppend(&csv, CsvField(r.key()), ",", CsvField(r.label_en()), ",",
                      CsvField(r.label_no()));
      for (const v1::ReportCell& c : r.cells()) {
        absl::StrAppend(&csv, ",", CsvField(CellText(c)));
      }
      csv += "\r\n";
    }
    files.push_back(CsvFile{t.id(), std::move(csv)});
  }
  return files;
}

}  // namespace rosa::report
