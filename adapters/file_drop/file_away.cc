#include "adapters/file_drop/file_away.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "absl/strings/str_cat.h"
#include "adapters/file_drop/away_names.h"
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

// Transient failures leave the file in the inbox for the next round (over
// the partner's record budget too: IngestDesk::Budget).
bool IsTransient(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable ||
         s.code() == absl::StatusCode::kResourceExhausted ||
         s.code() == absl::StatusCode::kDeadlineExceeded ||
         s.code() == absl::StatusCode::kInternal ||
         s.code() == absl::StatusCode::kDataLoss ||
         s.code() == absl::StatusCode::kAborted;
}

// 0 if nothing is at `path`, not even a dangling symlink (lstat: a link is
// never followed); EEXIST if something is; else the error.
int Vacancy(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return EEXIST;
  return errno == ENOENT ? 0 : errno;
}

// rename() that never replaces `to`: 0, EEXIST if `to` exists, or the error.
int RenameNoReplace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(),
                  RENAME_NOREPLACE) == 0) {
    return 0;
  }
  if (errno != EINVAL) return errno;
  // A file system that cannot refuse to replace: the check is all there is
  // (the file drop's thread is the only writer of the folder).
  if (const int taken = Vacancy(to); taken != 0) return taken;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

// Makes the file at `path` 0600 if it is a regular file with one link,
// through a descriptor opened without following a link (a hard link's
// other name is not the file drop's to change). Anything else keeps its
// mode: a symlink has none, a FIFO or socket holds no bytes, and a device
// is never opened.
void MakePrivate(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  const int fd = ::open(
      path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
      (st.st_mode & 07777) != 0600) {
    (void)::fchmod(fd, 0600);
  }
  ::close(fd);
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

// Stamps `from` with `now`, from which the retention of `dir` counts, and
// makes it 0600, then moves it into `dir` under the first free name for it
// (away_names.h);
// with a `report`, that is first written beside it as "<name>.error.txt",
// so that a rejected file never sits without its explanation. Neither
// replaces a file. Errors name no file.
absl::Status MoveAway(const fs::path& from, const fs::path& dir,
                      const std::string* report, absl::Time now) {
  SetModified(from, now).IgnoreError();  // At worst it goes sooner.
  MakePrivate(from);
  const std::string away = AwayName(from.filename().string());
  for (int n = 1; n <= kMaxNumberedNames; ++n) {
    const fs::path to = dir / NumberedName(away, n);
    const fs::path report_path(to.string() + ".error.txt");
    int error = Vacancy(to);
    if (error == 0 && report != nullptr) error = Vacancy(report_path);
    if (error == EEXIST) continue;
    if (error != 0) return absl::ErrnoToStatus(error, "cannot look for a name");
    if (report != nullptr) {
      WriteFileOptions options;
      options.modified = now;
      options.no_replace = true;
      const absl::Status written =
          WriteFileAtomically(report_path, *report, options);
      if (absl::IsAlreadyExists(written)) continue;
      if (!written.ok()) {
        return absl::Status(written.code(), "cannot write its report");
      }
    }
    error = RenameNoReplace(from, to);
    if (error == 0) return absl::OkStatus();
    if (report != nullptr) ::unlink(report_path.c_str());
    if (error != EEXIST) return absl::ErrnoToStatus(error, "cannot move it");
  }
  return absl::ResourceExhaustedError(
      absl::StrCat("no free name: ", kMaxNumberedNames, " taken"));
}

}  // namespace

absl::Status FileAway(const Partner& partner, const fs::path& file,
                      const FileAwayFolders& folders,
                      const absl::Status& outcome, absl::Time now) {
  const std::string name = file.filename().string();
  if (outcome.ok()) {
    absl::Status moved = MoveAway(file, folders.processed, nullptr, now);
    if (moved.ok()) {
      spdlog::info("file drop: {}: {} applied", partner.id, EscapeForLog(name));
    } else {
      spdlog::error(
          "file drop: {}: {} applied, but not moved to processed/: {}",
          partner.id, EscapeForLog(name), std::string(moved.message()));
    }
    return moved;
  }
  if (IsTransient(outcome)) {
    spdlog::warn("file drop: {}: {} left in the inbox: {}", partner.id,
                 EscapeForLog(name), absl::StatusCodeToString(outcome.code()));
    return absl::OkStatus();
  }
  const std::string report = ErrorReport(name, outcome);
  absl::Status moved = MoveAway(file, folders.rejected, &report, now);
  if (!moved.ok()) {
    spdlog::error("file drop: {}: cannot file away rejected {}: {}", partner.id,
                  EscapeForLog(name), std::string(moved.message()));
    return moved;
  }
  spdlog::info("file drop: {}: {} rejected ({})", partner.id,
               EscapeForLog(name), absl::StatusCodeToString(outcome.code()));
  return absl::OkStatus();
}

}  // namespace rosa
