// `rosa-hub report`: ROSA's annual report from the database, read-only,
// beside a running hub (WAL readers never block its writer; the report is
// one snapshot).
//
//   rosa-hub report --year 2026 [--edition internal|published]
//                   [--format json|html|csv] [--out DIR]
//                   [--data-dir var] [--partners deploy/dev/partners.json]
//
// Without --out, json and html go to standard output; csv needs --out
// (one file per table). With --out, the files are
// DIR/annual-report-<year>-<edition>.{json,html} or
// DIR/annual-report-<year>-<edition>-<table id>.csv. Data warnings go to
// standard error as well as into the report.
//
// Thread-safety: call once from main.
#ifndef ROSA_HUB_CLI_REPORT_COMMAND_H_
#define ROSA_HUB_CLI_REPORT_COMMAND_H_

#include <filesystem>
#include <string>

namespace rosa {

struct ReportCommandOptions {
  std::filesystem::path data_dir = "var";
  std::filesystem::path partners_file = "deploy/dev/partners.json";
  int year = 0;
  std::string edition = "internal";
  std::string format = "json";
  std::filesystem::path out_dir;
};

// The process exit code: 0 on success, 1 otherwise.
int RunReport(const ReportCommandOptions& options);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_REPORT_COMMAND_H_
