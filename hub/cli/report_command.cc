#include "hub/cli/report_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/partner/partner_registry.h"
#include "hub/report/annual_report.h"
#include "hub/report/report_csv.h"
#include "hub/report/report_desk.h"
#include "hub/report/report_html.h"
#include "hub/report/report_json.h"
#include "hub/report/report_query.h"
#include "hub/store/database_file.h"
#include "hub/store/sqlite.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

absl::Status WriteFile(const std::filesystem::path& path,
                       const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  }
  return absl::OkStatus();
}

absl::Status Run(const ReportCommandOptions& options) {
  RETURN_IF_ERROR(CheckReportYear(options.year, absl::Now()));
  v1::ReportEdition edition;
  if (options.edition == "internal") {
    edition = v1::REPORT_EDITION_INTERNAL;
  } else if (options.edition == "published") {
    edition = v1::REPORT_EDITION_PUBLISHED;
  } else {
    return absl::InvalidArgumentError(
        "--edition: must be internal or published");
  }
  if (options.format != "json" && options.format != "html" &&
      options.format != "csv") {
    return absl::InvalidArgumentError("--format: must be json, html or csv");
  }
  if (options.format == "csv" && options.out_dir.empty()) {
    return absl::InvalidArgumentError(
        "--out: required for csv (one file per table)");
  }
  ASSIGN_OR_RETURN(PartnerRegistry registry,
                   PartnerRegistry::LoadFile(options.partners_file));
  ASSIGN_OR_RETURN(auto conn,
                   store::OpenExistingDatabase(
                       options.data_dir, store::Connection::Mode::kReadOnly));
  ASSIGN_OR_RETURN(report::ReportInput input,
                   report::LoadReportInput(*conn, registry, options.year));
  const v1::AnnualReport result = report::ComputeAnnualReport(input, edition);
  for (const v1::DataWarning& w : result.warnings()) {
    std::cerr << "rosa-hub report: warning: " << w.count() << " " << w.message()
              << "\n";
  }
  const std::string base =
      absl::StrCat("annual-report-", options.year, "-", options.edition);
  // A folder that cannot be made fails at WriteFile, naming the file.
  std::error_code ec;
  if (options.format == "csv") {
    std::filesystem::create_directories(options.out_dir, ec);
    for (const report::CsvFile& file : report::ReportToCsv(result)) {
      RETURN_IF_ERROR(WriteFile(
          options.out_dir / absl::StrCat(base, "-", file.table_id, ".csv"),
          file.bytes));
    }
    return absl::OkStatus();
  }
  const std::string bytes = options.format == "json"
                                ? report::ReportToJson(result)
                                : report::ReportToHtml(result);
  if (options.out_dir.empty()) {
    std::cout << bytes;
    return absl::OkStatus();
  }
  std::filesystem::create_directories(options.out_dir, ec);
  return WriteFile(options.out_dir / absl::StrCat(base, ".", options.format),
                   bytes);
}

}  // namespace

int RunReport(const ReportCommandOptions& options) {
  const absl::Status status = Run(options);
  if (status.ok()) return 0;
  std::cerr << "rosa-hub: " << status.message() << "\n";
  return 1;
}

}  // namespace rosa
