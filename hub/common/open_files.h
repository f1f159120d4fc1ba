// The hub's file descriptors: every connection holds one, and gRPC 1.51's
// listener stops accepting for good after one accept() fails with EMFILE
// (grpc/grpc#16058): the process would serve no new connection while it
// looks alive. So the serving hub raises its soft limit to the hard one at
// start (systemd's unit sets LimitNOFILE), and the metrics show open and
// allowed descriptors (process_open_fds, process_max_fds) for an alert
// well before the limit.
//
// Thread-safety: RaiseOpenFileLimit once, from main, before threads start;
// CountOpenFiles from any thread.
#ifndef ROSA_HUB_COMMON_OPEN_FILES_H_
#define ROSA_HUB_COMMON_OPEN_FILES_H_

#include <cstdint>

#include "absl/status/statusor.h"

namespace rosa {

// Raises RLIMIT_NOFILE's soft limit to its hard limit (at most 1 << 20);
// returns the soft limit now in force. INTERNAL naming the call that failed.
absl::StatusOr<uint64_t> RaiseOpenFileLimit();

struct OpenFiles {
  uint64_t open = 0;   // Descriptors open now.
  uint64_t limit = 0;  // RLIMIT_NOFILE's soft limit.
};

// The process's open descriptors (/proc/self/fd) and its limit.
absl::StatusOr<OpenFiles> CountOpenFiles();

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_OPEN_FILES_H_
