// The directories a backup is written to and restored into: created
// private (0700), never overwritten, and emptied again when a backup or a
// restore fails half-way.
// Thread-safety: functions are thread-safe; two callers on one directory
// race.
#ifndef ROSA_HUB_BACKUP_BACKUP_DIR_H_
#define ROSA_HUB_BACKUP_BACKUP_DIR_H_

#include <filesystem>
#include <string>

#include "absl/status/status.h"

namespace rosa::backup {

// Makes `dir` (mode 0700) if missing. FAILED_PRECONDITION if it holds
// anything other than an entry named `allowed` (when not empty); the
// message calls it `what`.
absl::Status PrepareEmptyDirectory(const std::filesystem::path& dir,
                                   const std::string& what,
                                   const std::string& allowed = "");

// Removes everything in `dir` except an entry named `keep` (when not
// empty). Best effort: for cleaning up after a failure.
void RemoveContents(const std::filesystem::path& dir,
                    const std::string& keep = "");

}  // namespace rosa::backup

#endif  // ROSA_HUB_BACKUP_BACKUP_DIR_H_
