#include "adapters/file_drop/folder_cleanup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;

constexpr size_t kCursorDigits = 12;

// The cursor an outbox file name starts with, if it does.
bool ParseCursor(std::string_view name, uint64_t* cursor) {
  if (name.size() <= kCursorDigits || name[kCursorDigits] != '-') return false;
  return absl::SimpleAtoi(std::string(name.substr(0, kCursorDigits)), cursor);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> EntryNames(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  // increment(ec), never ++: a failed step must not throw.
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "file drop: cannot list ", dir.string(), ": ", ec.message()));
  }
  return names;
}

std::string OutboxPrefix(uint64_t cursor) {
  return absl::StrFormat("%012d-", cursor);
}

std::string OutboxFileName(uint64_t cursor, std::string_view name,
                           std::string_view ext) {
  std::string safe(name.empty() ? std::string_view("event") : name);
  for (char& c : safe) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_' && c != '-') {
      c = '_';
    }
  }
  if (safe.size() > 100) safe.resize(100);
  return absl::StrCat(OutboxPrefix(cursor), safe, std::string(ext));
}

absl::StatusOr<std::set<uint64_t>> CursorsInOutbox(const fs::path& outbox) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, EntryNames(outbox));
  std::set<uint64_t> cursors;
  for (const std::string& name : names) {
    uint64_t cursor = 0;
    if (ParseCursor(name, &cursor)) cursors.insert(cursor);
  }
  return cursors;
}

absl::StatusOr<int> RemoveOutboxFiles(const fs::path& outbox, uint64_t cursor) {
  const std::string prefix = OutboxPrefix(cursor);
  ASSIGN_OR_RETURN(std::vector<std::string> names, EntryNames(outbox));
  int removed = 0;
  for (const std::string& name : names) {
    if (!absl::StartsWith(name, prefix)) continue;
    if (::unlink((outbox / name).c_str()) != 0 && errno != ENOENT) {
      return absl::UnavailableError(
          absl::StrCat("file drop: cannot delete a file in ", outbox.string(),
                       ": ", std::strerror(errno)));
    }
    ++removed;
  }
  return removed;
}

int RemoveTemporaryFiles(const fs::path& dir) {
  int removed = 0;
  auto names = EntryNames(dir);
  if (!names.ok()) return 0;
  for (const std::string& name : *names) {
    if (!absl::StrContains(name, ".tmp.")) continue;
    if (::unlink((dir / name).c_str()) == 0) ++removed;
  }
  return removed;
}

int RemoveOlderThan(const fs::path& dir, absl::Time cutoff) {
  int removed = 0;
  auto names = EntryNames(dir);
  if (!names.ok()) return 0;
  for (const std::string& name : *names) {
    const fs::path path = dir / name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) continue;
    const absl::Time modified = absl::TimeFromTimespec(st.st_mtim);
    if (modified < cutoff && ::unlink(path.c_str()) == 0) ++removed;
  }
  return removed;
}

absl::Status SetModified(const fs::path& path, absl::Time at) {
  const struct timespec times[2] = {absl::ToTimespec(at), absl::ToTimespec(at)};
  if (::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return absl::UnavailableError(
        absl::StrCat("file drop: cannot set a file's time in ",
                     path.parent_path().string(), ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace rosa
