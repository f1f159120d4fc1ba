#include "hub/common/open_files.h"

#include <dirent.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace rosa {
namespace {

// The kernel refuses a limit above fs.nr_open (1 << 20 by default).
constexpr rlim_t kMostOpenFiles = rlim_t{1} << 20;

absl::Status Failed(const char* call) {
  return absl::InternalError(
      absl::StrCat("open files: ", call, ": ", std::strerror(errno)));
}

}  // namespace

absl::StatusOr<uint64_t> RaiseOpenFileLimit() {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return Failed("getrlimit");
  const rlim_t wanted = std::min(limit.rlim_max, kMostOpenFiles);
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = wanted;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) return Failed("setrlimit");
  }
  return static_cast<uint64_t>(limit.rlim_cur);
}

absl::StatusOr<OpenFiles> CountOpenFiles() {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return Failed("getrlimit");
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return Failed("opendir /proc/self/fd");
  OpenFiles files{.open = 0, .limit = static_cast<uint64_t>(limit.rlim_cur)};
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++files.open;
  }
  closedir(dir);
  if (files.open > 0) --files.open;  // The listing's own descriptor.
  return files;
}

}  // namespace rosa
