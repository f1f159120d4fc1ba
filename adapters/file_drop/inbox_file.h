// Reading a file a partner put into its inbox without trusting what sits
// there: the file is opened with O_NOFOLLOW (and O_NONBLOCK, so that a FIFO
// cannot hang the file drop), and the open descriptor is checked with fstat
// before a byte is read: it must be a regular file with one link, owned by
// the expected user (the hub's effective uid), and within the size limit.
// Symlinks, FIFOs, sockets, devices and hard links are refused, so a
// partner cannot make the hub read its keys or block on a pipe.
// Thread-safety: pure functions.
#ifndef ROSA_ADAPTERS_FILE_DROP_INBOX_FILE_H_
#define ROSA_ADAPTERS_FILE_DROP_INBOX_FILE_H_

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>

#include "absl/status/statusor.h"

namespace rosa {

// The bytes of the inbox file at `path`. Errors (never a file's content or
// name):
//   NOT_FOUND           the file is gone (moved or deleted meanwhile);
//   UNAVAILABLE         a transient read error: try again later;
//   FAILED_PRECONDITION refused: not a regular file (naming what it is),
//                       more than one link, another owner, not readable;
//   INVALID_ARGUMENT    larger than `max_bytes` (not read).
absl::StatusOr<std::string> ReadInboxFile(const std::filesystem::path& path,
                                          size_t max_bytes, uid_t owner);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_INBOX_FILE_H_
