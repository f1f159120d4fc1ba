#include "hub/common/process_hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>

namespace rosa {

absl::Status HardenProcess() {
  const struct rlimit no_core = {.rlim_cur = 0, .rlim_max = 0};
  if (setrlimit(RLIMIT_CORE, &no_core) != 0) {
    return absl::ErrnoToStatus(errno, "setrlimit(RLIMIT_CORE, 0)");
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return absl::ErrnoToStatus(errno, "prctl(PR_SET_DUMPABLE, 0)");
  }
  return absl::OkStatus();
}

}  // namespace rosa
