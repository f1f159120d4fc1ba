// The file drop's housekeeping on its folders: naming outbox files by
// cursor (so that every file of one event can be found and deleted),
// deleting them, and deleting what processed/ and rejected/ kept longer
// than their retention. Errors name folders and codes, never a file name
// a partner chose.
// Thread-safety: functions are thread-safe; callers serialize work on one
// folder.
#ifndef ROSA_ADAPTERS_FILE_DROP_FOLDER_CLEANUP_H_
#define ROSA_ADAPTERS_FILE_DROP_FOLDER_CLEANUP_H_

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa {

// The names of the entries of `dir` ("." and ".." left out), in no
// particular order; UNAVAILABLE naming the folder if it cannot be listed
// whole. Never throws.
absl::StatusOr<std::vector<std::string>> EntryNames(
    const std::filesystem::path& dir);

// "000000000042-": how every outbox file of the event with `cursor` begins.
std::string OutboxPrefix(uint64_t cursor);

// The outbox file name for one payload of event `cursor`: the prefix, the
// payload's name (or "event") with every character outside [A-Za-z0-9._-]
// replaced by '_' (a plugin's name cannot leave the folder), and `ext`.
std::string OutboxFileName(uint64_t cursor, std::string_view name,
                           std::string_view ext);

// The cursors of the events that have a file in `outbox` (temporary files
// of an atomic write included); UNAVAILABLE if it cannot be listed (then
// nothing can be said to be gone from it).
absl::StatusOr<std::set<uint64_t>> CursorsInOutbox(
    const std::filesystem::path& outbox);

// Deletes every file of event `cursor` in `outbox` (temporary files
// included); how many. UNAVAILABLE if one could not be deleted.
absl::StatusOr<int> RemoveOutboxFiles(const std::filesystem::path& outbox,
                                      uint64_t cursor);

// Deletes the temporary files an interrupted atomic write left in `dir`
// (names containing ".tmp."); how many. REQUIRES: nobody writes in `dir`.
int RemoveTemporaryFiles(const std::filesystem::path& dir);

// Deletes every entry of `dir` that is not a directory and was last
// modified before `cutoff` (symlinks and FIFOs themselves, never their
// targets); how many.
int RemoveOlderThan(const std::filesystem::path& dir, absl::Time cutoff);

// Sets the modification time of `path` (itself, not a symlink's target) to
// `at`: the time a file entered processed/ or rejected/, which their
// retention counts from.
absl::Status SetModified(const std::filesystem::path& path, absl::Time at);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FOLDER_CLEANUP_H_
