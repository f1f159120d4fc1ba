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

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_PLUGIN_FILE_H_
