// Files that hold secrets: a directory only its owner may enter (0700) and
// files only their owner may read (0600), written atomically so that a
// crash leaves either the old or the new file, never a torn one.
//
// Thread-safety: functions are thread-safe; concurrent writers of one path
// race (the last rename wins), so callers serialize writes per file.
#ifndef ROSA_HUB_CRYPTO_PRIVATE_FILE_H_
#define ROSA_HUB_CRYPTO_PRIVATE_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::crypto {

// OK if `dir` is a directory that group and others cannot access;
// FAILED_PRECONDITION if they can.
absl::Status CheckPrivateDirectory(const std::filesystem::path& dir);

// Makes `dir` with mode 0700 if missing (missing parents get default
// modes), then CheckPrivateDirectory.
absl::Status EnsurePrivateDirectory(const std::filesystem::path& dir);

// Writes `data` to `path` with mode 0600: a temporary file next to it
// (O_EXCL, 0600), fsync, rename over `path`, fsync of the directory. With
// `no_replace`, link() takes the place of rename(): an existing `path` is
// kept and ALREADY_EXISTS returned.
absl::Status WriteFileAtomically(const std::filesystem::path& path,
                                 std::string_view data, bool no_replace);

// The contents of `path` (NOT_FOUND if missing). FAILED_PRECONDITION unless
// it is a regular file (not a symlink) of at most 1 MiB, owned by the
// effective user, and without group/other permissions.
// REQUIRES: the caller wipes the result if it is secret.
absl::StatusOr<std::string> ReadPrivateFile(const std::filesystem::path& path);

}  // namespace rosa::crypto

#endif  // ROSA_HUB_CRYPTO_PRIVATE_FILE_H_
