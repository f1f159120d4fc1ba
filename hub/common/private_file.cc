// Private-file I/O with POSIX calls. Errors name the path and the
// operation; contents never appear in a status.
//
// Thread-safety: see private_file.h. Only the temporary-file counter is
// shared state, and it is atomic.
#include "hub/common/private_file.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxPrivateFileSize = 1 << 20;

fs::path DirOf(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// Reads the whole of the file open at `fd`, which fstat found `size` bytes
// long; ABORTED if it turns out shorter or longer. The buffer is allocated
// once, so no reallocation leaves a stray copy, and wiped on failure.
absl::StatusOr<std::string> ReadWhole(int fd, const fs::path& path,
                                      size_t size) {
  std::string text(size + 1, '\0');  // +1 detects growth.
  absl::Status status;
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) status = ErrnoError(errno, "read", path);
      break;
    }
    got += static_cast<size_t>(n);
  }
  if (status.ok() && got != size) {
    status = absl::AbortedError(
        absl::StrCat(path.string(), " changed while being read"));
  }
  if (!status.ok()) {
    OPENSSL_cleanse(text.data(), text.size());
    return status;
  }
  text.resize(got);
  return text;
}

}  // namespace

absl::Status CheckPrivateDirectory(const fs::path& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return ErrnoError(errno, "stat", dir);
  if (!S_ISDIR(st.st_mode)) return ErrnoError(ENOTDIR, "open", dir);
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "directory ", dir.string(), " must not be group/other accessible"));
  }
  return absl::OkStatus();
}

absl::Status EnsureDirectory(const fs::path& dir) {
  std::error_code ec;
  if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
  if (mkdir(dir.c_str(), 0700) == 0) {
    // chmod, so that the mode does not depend on the umask.
    if (chmod(dir.c_str(), 0700) != 0) return ErrnoError(errno, "chmod", dir);
    SyncDirectory(DirOf(dir)).IgnoreError();  // Durability only.
    return absl::OkStatus();
  }
  const int error = errno;
  if (error == EEXIST && fs::is_directory(dir, ec)) return absl::OkStatus();
  return ErrnoError(error == EEXIST ? ENOTDIR : error, "mkdir", dir);
}

absl::Status EnsurePrivateDirectory(const fs::path& dir) {
  RETURN_IF_ERROR(EnsureDirectory(dir));
  return CheckPrivateDirectory(dir);
}

absl::Status ErrnoError(int error, const std::string& operation,
                        const fs::path& path) {
  return absl::ErrnoToStatus(error,
                             absl::StrCat(operation, " ", path.string()));
}

absl::Status SyncDirectory(const fs::path& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "open", dir);
  const int rc = fsync(fd);
  const int error = errno;
  close(fd);
  if (rc != 0) return ErrnoError(error, "fsync", dir);
  return absl::OkStatus();
}

absl::StatusOr<int> CreateTemporaryFile(const fs::path& path, fs::path* tmp) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    *tmp = path;
    *tmp += absl::StrCat(".tmp.", getpid(), ".", counter.fetch_add(1));
    const int fd =
        open(tmp->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
             0600);
    if (fd >= 0) return fd;
    if (errno != EEXIST) return ErrnoError(errno, "create", *tmp);
  }
  return ErrnoError(EEXIST, "create temporary file for", path);
}

absl::Status WriteAll(int fd, std::string_view data, const fs::path& path) {
  size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError(errno, "write", path);
    written += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const fs::path& path, std::string_view data,
                                 const WriteFileOptions& options) {
  fs::path tmp;
  ASSIGN_OR_RETURN(const int fd, CreateTemporaryFile(path, &tmp));
  absl::Status status = WriteAll(fd, data, tmp);
  // fchmod, so that the mode does not depend on the umask.
  if (status.ok() && fchmod(fd, options.mode) != 0) {
    status = ErrnoError(errno, "chmod", tmp);
  }
  if (status.ok() && options.modified.has_value()) {
    const struct timespec times[2] = {absl::ToTimespec(*options.modified),
                                      absl::ToTimespec(*options.modified)};
    if (futimens(fd, times) != 0) status = ErrnoError(errno, "stamp", tmp);
  }
  if (status.ok() && fsync(fd) != 0) status = ErrnoError(errno, "fsync", tmp);
  if (close(fd) != 0 && status.ok()) status = ErrnoError(errno, "close", tmp);
  if (status.ok()) {
    const int rc = options.no_replace ? link(tmp.c_str(), path.c_str())
                                      : rename(tmp.c_str(), path.c_str());
    if (rc != 0) {
      status =
          ErrnoError(errno, options.no_replace ? "link to" : "rename to", path);
    }
  }
  if (!status.ok() || options.no_replace) unlink(tmp.c_str());
  if (!status.ok()) return status;
  SyncDirectory(DirOf(path)).IgnoreError();  // Durability only.
  return absl::OkStatus();
}

namespace {

// The one owner-and-mode check for private files: `st` is fstat of the
// descriptor opened with O_NOFOLLOW.
absl::Status CheckPrivateStat(const struct stat& st, const fs::path& path) {
  if (!S_ISREG(st.st_mode) || st.st_size < 0 ||
      static_cast<size_t>(st.st_size) > kMaxPrivateFileSize) {
    return absl::FailedPreconditionError(
        absl::StrCat(path.string(), " is not a key file"));
  }
  if ((st.st_mode & 077) != 0 || st.st_uid != geteuid()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path.string(), " must be owned by the hub's user with mode 0600"));
  }
  return absl::OkStatus();
}

// Opens `path` without following a symlink and checks it; on success the
// caller owns *fd.
absl::Status OpenPrivateFile(const fs::path& path, int* fd, struct stat* st) {
  *fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (*fd < 0) return ErrnoError(errno, "open", path);
  absl::Status status = fstat(*fd, st) != 0 ? ErrnoError(errno, "stat", path)
                                            : CheckPrivateStat(*st, path);
  if (!status.ok()) {
    close(*fd);
    *fd = -1;
  }
  return status;
}

}  // namespace

absl::StatusOr<std::string> ReadPrivateFile(const fs::path& path) {
  int fd = -1;
  struct stat st;
  RETURN_IF_ERROR(OpenPrivateFile(path, &fd, &st));
  absl::StatusOr<std::string> text =
      ReadWhole(fd, path, static_cast<size_t>(st.st_size));
  close(fd);
  return text;
}

absl::Status CheckPrivateFile(const fs::path& path) {
  int fd = -1;
  struct stat st;
  RETURN_IF_ERROR(OpenPrivateFile(path, &fd, &st));
  close(fd);
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadSmallFile(const fs::path& path,
                                          size_t max_size) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "open", path);
  absl::StatusOr<std::string> text;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    text = ErrnoError(errno, "stat", path);
  } else if (st.st_size < 0 || static_cast<size_t>(st.st_size) > max_size) {
    text = absl::FailedPreconditionError(
        absl::StrCat(path.string(), " is larger than ", max_size, " bytes"));
  } else {
    text = ReadWhole(fd, path, static_cast<size_t>(st.st_size));
  }
  close(fd);
  return text;
}

}  // namespace rosa
