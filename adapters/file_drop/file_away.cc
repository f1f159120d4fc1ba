#include "adapters/file_drop/file_away.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "adapters/file_drop/folder_cleanup.h"
#include "hub/common/error_details.h"
#include "hub/common/log_text.h"
#include "hub/common/private_file.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;

// Transient failures leave the file in the inbox for the next round.
bool IsTransient(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable ||
         s.code() == absl::StatusCode::kDeadlineExceeded ||
         s.code() == absl::StatusCode::kInternal ||
         s.code() == absl::StatusCode::kDataLoss ||
         s.code() == absl::StatusCode::kAborted;
}

// `dir/name`, or `dir/name-2`, `-3`... if taken.
fs::path FreeName(const fs::path& dir, const std::string& name) {
  fs::path candidate = dir / name;
  for (int i = 2; fs::exists(candidate); ++i) {
    candidate = dir / absl::StrCat(name, "-", i);
  }
  return candidate;
}

std::string ErrorReport(const std::string& file, const absl::Status& status) {
  std::string out = absl::StrCat(
      "rosa-hub refused ", EscapeForLog(file), ": nothing in it was applied.\n",
      "code: ", absl::StatusCodeToString(status.code()), "\n\n");
  v1::IngestResponse details;
  auto payload = status.GetPayload(kErrorDetailsPayloadUrl);
  if (payload.has_value() && details.ParseFromString(std::string(*payload))) {
    for (const v1::RecordOutcome& r : details.records()) {
      if (r.result() != v1::RecordOutcome::RESULT_REJECTED) continue;
      absl::StrAppend(&out, r.record(), r.field().empty() ? "" : ": ",
                      r.field(), ": ", r.reason(), "\n");
    }
    for (const v1::RecordOutcome& w : details.warnings()) {
      absl::StrAppend(&out, "warning: ", w.record(), ": ", w.field(), ": ",
                      w.reason(), "\n");
    }
  } else {
    absl::StrAppend(&out, status.message(), "\n");
  }
  return out;
}

// Stamps `from` with `now`, from which the retention of processed/ and
// rejected/ counts, then moves it to `to`: stamped before it appears there.
absl::Status MoveFile(const fs::path& from, const fs::path& to,
                      absl::Time now) {
  SetModified(from, now).IgnoreError();  // At worst it goes sooner.
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    return absl::InternalError(absl::StrCat(
        "file drop: cannot move ", EscapeForLog(from.filename().string()), ": ",
        ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace

void FileAway(const Partner& partner, const fs::path& file,
              const FileAwayFolders& folders, const absl::Status& outcome,
              absl::Time now) {
  const std::string name = file.filename().string();
  if (outcome.ok()) {
    if (MoveFile(file, FreeName(folders.processed, name), now).ok()) {
      spdlog::info("file drop: {}: {} applied", partner.id, EscapeForLog(name));
    }
    return;
  }
  if (IsTransient(outcome)) {
    spdlog::warn("file drop: {}: {} left in the inbox: {}", partner.id,
                 EscapeForLog(name), absl::StatusCodeToString(outcome.code()));
    return;
  }
  const fs::path target = FreeName(folders.rejected, name);
  const fs::path report(target.string() + ".error.txt");
  // The reasons first: a rejected file never sits without its explanation.
  WriteFileOptions report_options;
  report_options.modified = now;
  if (!WriteFileAtomically(report, ErrorReport(name, outcome), report_options)
           .ok() ||
      !MoveFile(file, target, now).ok()) {
    spdlog::error("file drop: {}: cannot file away rejected {}", partner.id,
                  EscapeForLog(name));
    return;
  }
  spdlog::info("file drop: {}: {} rejected ({})", partner.id,
               EscapeForLog(name), absl::StatusCodeToString(outcome.code()));
}

}  // namespace rosa
