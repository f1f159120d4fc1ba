// Files that may hold secrets: keys, certificates and the like. Directories
// are made with mode 0700; files are written atomically (a temporary file,
// fsync, rename, fsync of the directory) so that a crash leaves either the
// old or the new file, never a torn one; reads go straight into one buffer
// that is wiped on failure. Errors name the path and the operation; file
// contents never appear in a status.
//
// Used by the key-encryption-key file (hub/crypto), the PKI's private keys
// (hub/pki) and the audit log's signing key (hub/audit): every private key
// the hub reads goes through ReadPrivateFile's one owner-and-mode check.
//
// Thread-safety: functions are thread-safe; concurrent writers of one path
// race (the last rename wins), so callers serialize writes per file.
#ifndef ROSA_HUB_COMMON_PRIVATE_FILE_H_
#define ROSA_HUB_COMMON_PRIVATE_FILE_H_

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa {

// OK if `dir` is a directory that group and others cannot access;
// FAILED_PRECONDITION if they can.
absl::Status CheckPrivateDirectory(const std::filesystem::path& dir);

// Makes `dir` with mode 0700 if missing (missing parents get default
// modes). An existing directory is kept as it is, whatever its mode.
absl::Status EnsureDirectory(const std::filesystem::path& dir);

// EnsureDirectory, then CheckPrivateDirectory.
absl::Status EnsurePrivateDirectory(const std::filesystem::path& dir);

struct WriteFileOptions {
  // The mode of the new file, independent of the umask: 0600 for secrets,
  // 0644 for certificates and public keys.
  mode_t mode = 0600;
  // link() takes the place of rename(): an existing file is kept and
  // ALREADY_EXISTS returned.
  bool no_replace = false;
  // When set, the file's modification time, stamped before the file
  // appears under `path` (so that nobody sees it with another time).
  std::optional<absl::Time> modified = std::nullopt;
};

// The status for a failed file operation: the code errno `error` maps to,
// and "<operation> <path>" (never a file's contents).
absl::Status ErrnoError(int error, const std::string& operation,
                        const std::filesystem::path& path);

// fsync of the directory `dir`: the entries made, renamed or deleted in it
// are durable. Errors name the directory.
absl::Status SyncDirectory(const std::filesystem::path& dir);

// A new, empty file next to `path`, created with O_EXCL and mode 0600 under
// the name `path` + ".tmp.<pid>.<n>" (the file drop's RemoveTemporaryFiles
// knows it), which goes to *tmp; the caller owns the descriptor returned.
absl::StatusOr<int> CreateTemporaryFile(const std::filesystem::path& path,
                                        std::filesystem::path* tmp);

// Writes all of `data` to `fd`; `path` names the file in an error.
absl::Status WriteAll(int fd, std::string_view data,
                      const std::filesystem::path& path);

// Writes `data` to `path`: a temporary file next to it (O_EXCL, created
// 0600, then set to `options.mode`), fsync, rename over `path`, fsync of
// the directory. On failure no temporary file is left behind.
absl::Status WriteFileAtomically(const std::filesystem::path& path,
                                 std::string_view data,
                                 const WriteFileOptions& options = {});

// The contents of `path` (NOT_FOUND if missing). FAILED_PRECONDITION unless
// it is a regular file (not a symlink) of at most 1 MiB, owned by the
// effective user, and without group/other permissions.
// REQUIRES: the caller wipes the result if it is secret.
absl::StatusOr<std::string> ReadPrivateFile(const std::filesystem::path& path);

// The same checks as ReadPrivateFile without reading the contents: for a
// key the process must not hold in memory (the CA key on a serving hub).
absl::Status CheckPrivateFile(const std::filesystem::path& path);

// The contents of `path`, whatever its owner and mode (NOT_FOUND if
// missing); FAILED_PRECONDITION if it is larger than `max_size` bytes.
// REQUIRES: the caller wipes the result if it is secret.
absl::StatusOr<std::string> ReadSmallFile(const std::filesystem::path& path,
                                          size_t max_size);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_PRIVATE_FILE_H_
