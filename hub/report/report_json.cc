#include "hub/report/report_json.h"

#include "nlohmann/json.hpp"

namespace rosa::report {

namespace v1 = rosa::hub::v1;
using ordered_json = nlohmann::ordered_json;

const char* EditionName(v1::ReportEdition edition) {
  return edition == v1::REPORT_EDITION_PUBLISHED ? "published" : "internal";
}

namespace {

ordered_json CellJson(const v1::ReportCell& cell) {
  switch (cell.value_case()) {
    case v1::ReportCell::kSuppressed:
      return "<3";
    case v1::ReportCell::kDecimal:
      return cell.decimal();
    default:
      return cell.count();
  }
}

}  // namespace

std::string ReportToJson(const v1::AnnualReport& report) {
  ordered_json out;
  out["schema"] = kReportSchema;
  out["year"] = report.year();
  out["edition"] = EditionName(report.edition());
  ordered_json tables = ordered_json::array();
  for (const v1::ReportTable& t : report.tables()) {
    ordered_json table;
    table["id"] = t.id();
    table["title"] = {{"en", t.title_en()}, {"no", t.title_no()}};
    table["columns"] = ordered_json::array();
    for (const std::string& c : t.columns()) table["columns"].push_back(c);
    table["rows"] = ordered_json::array();
    for (const v1::ReportRow& r : t.rows()) {
      ordered_json row;
      row["key"] = r.key();
      row["label"] = {{"en", r.label_en()}, {"no", r.label_no()}};
      row["cells"] = ordered_json::array();
      for (const v1::ReportCell& c : r.cells()) {
        row["cells"].push_back(CellJson(c));
      }
      table["rows"].push_back(std::move(row));
    }
    tables.push_back(std::move(table));
  }
  out["tables"] = std::move(tables);
  ordered_json warnings = ordered_json::array();
  for (const v1::DataWarning& w : report.warnings()) {
    warnings.push_back(
        {{"code", w.code()}, {"count", w.count()}, {"message", w.message()}});
  }
  out["warnings"] = std::move(warnings);
  return out.dump(2) + "\n";
}

}  // namespace rosa::report
