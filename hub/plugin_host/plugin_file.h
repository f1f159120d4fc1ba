// Where plugin code may come from. A plugin library runs inside the hub with
// every key and identity it holds, so the hub loads only files that no one
// but the hub's user (or root) could have written: the plugin folder must be
// owned by the hub's user or root and writable by no one else, and each
// library is a regular file with the same owners, opened without following
// a symbolic link and read through that one descriptor.
//
// Thread-safety: stateless functions, safe from any thread.
#ifndef ROSA_HUB_PLUGIN_HOST_PLUGIN_FILE_H_
#define ROSA_HUB_PLUGIN_HOST_PLUGIN_FILE_H_

#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa {

// OK if `dir` is a directory owned by the effective user or root that
// group and others cannot write; FAILED_PRECONDITION naming the folder
// otherwise.
absl::Status CheckPluginFolder(const std::filesystem::path& dir);

// The bytes of the library `file`: FAILED_PRECONDITION if it is a symbolic
// link, not a regular file, owned by someone other than the effective user
// or root, or writable by group or others; NOT_FOUND if missing.
absl::StatusOr<std::string> ReadPluginFile(const std::filesystem::path& file);

// The hex SHA-256 of the library `file`, read in pieces after the same
// checks as ReadPluginFile, with the same errors.
absl::StatusOr<std::string> HashPluginFile(const std::filesystem::path& file);

// A plugin library copied into the hub's private folder, under a name made
// from its SHA-256: the copy is what gets mapped (in the hub for tests, in
// the plugin workers in production).
struct StagedPlugin {
  // The file in the plugin folder.
  std::filesystem::path file;
  // The private copy, <copy_dir>/<sha256>-<file name>.
  std::filesystem::path copy;
  // Hex SHA-256 of the library.
  std::string sha256;
};

// Checks `file` and its folder as above and copies it into `copy_dir` (made
// 0700 if missing) unless the copy is there already. Runs no code from the
// library. The copy is checked (CheckStagedCopy) by whoever maps it, just
// before mapping it.
absl::StatusOr<StagedPlugin> StagePluginCopy(
    const std::filesystem::path& file, const std::filesystem::path& copy_dir);

// OK if the staged copy still passes ReadPluginFile and still hashes to its
// SHA-256: a copy changed since it was written (or a symbolic link put in
// its place) is never mapped. FAILED_PRECONDITION otherwise.
absl::Status CheckStagedCopy(const StagedPlugin& staged);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_PLUGIN_FILE_H_
