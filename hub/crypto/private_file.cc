// Private-file I/O with POSIX calls. Errors name the path and the
// operation; contents never appear in a status.
#include "hub/crypto/private_file.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace rosa::crypto {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxFileSize = 1 << 20;

absl::Status ErrnoError(int error, std::string operation, const fs::path& p) {
  return absl::ErrnoToStatus(error, absl::StrCat(operation, " ", p.string()));
}

fs::path DirOf(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

void SyncDirectory(const fs::path& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);  // Durability only; failure is not worth an error.
    close(fd);
  }
}

}  // namespace

// OK if `dir` is a directory that only its owner may access.
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

// Makes `dir` with mode 0700 if missing (parents with default modes).
absl::Status EnsurePrivateDirectory(const fs::path& dir) {
  std::error_code ec;
  if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
  if (mkdir(dir.c_str(), 0700) == 0) {
    if (chmod(dir.c_str(), 0700) != 0) return ErrnoError(errno, "chmod", dir);
    SyncDirectory(DirOf(dir));
  } else if (errno != EEXIST) {
    return ErrnoError(errno, "mkdir", dir);
  }
  return CheckPrivateDirectory(dir);
}

// Writes `data` to `path` (mode 0600) through a temporary file, fsync and
// rename; with `no_replace`, link() instead, so that an existing file is
// kept and ALREADY_EXISTS returned.
absl::Status WriteFileAtomically(const fs::path& path, std::string_view data,
                                 bool no_replace) {
  static std::atomic<unsigned> counter{0};
  fs::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = path;
    tmp += absl::StrCat(".tmp.", getpid(), ".", counter.fetch_add(1));
    fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
              0600);
    if (fd < 0 && errno != EEXIST) return ErrnoError(errno, "create", tmp);
  }
  if (fd < 0) return ErrnoError(EEXIST, "create temporary file for", path);

  absl::Status status;
  size_t written = 0;
  while (status.ok() && written < data.size()) {
    const ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = ErrnoError(errno, "write", tmp);
    if (n > 0) written += static_cast<size_t>(n);
  }
  if (status.ok() && fchmod(fd, 0600) != 0) {
    status = ErrnoError(errno, "chmod", tmp);
  }
  if (status.ok() && fsync(fd) != 0) status = ErrnoError(errno, "fsync", tmp);
  if (close(fd) != 0 && status.ok()) status = ErrnoError(errno, "close", tmp);
  if (status.ok()) {
    const int rc = no_replace ? link(tmp.c_str(), path.c_str())
                              : rename(tmp.c_str(), path.c_str());
    if (rc != 0) status = ErrnoError(errno, "install", path);
  }
  if (!status.ok() || no_replace) unlink(tmp.c_str());
  if (!status.ok()) return status;
  SyncDirectory(DirOf(path));
  return absl::OkStatus();
}

// The whole of a regular file that only this user may access.
absl::StatusOr<std::string> ReadPrivateFile(const fs::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return ErrnoError(errno, "open", path);
  absl::Status status;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    status = ErrnoError(errno, "stat", path);
  } else if (!S_ISREG(st.st_mode) || st.st_size < 0 ||
             static_cast<size_t>(st.st_size) > kMaxFileSize) {
    status = absl::FailedPreconditionError(
        absl::StrCat(path.string(), " is not a key file"));
  } else if ((st.st_mode & 077) != 0 || st.st_uid != geteuid()) {
    status = absl::FailedPreconditionError(absl::StrCat(
        path.string(), " must be owned by the hub's user with mode 0600"));
  }
  std::string text;
  if (status.ok()) {
    text.resize(static_cast<size_t>(st.st_size) + 1);  // +1 detects growth.
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
    if (status.ok() && got != static_cast<size_t>(st.st_size)) {
      status = absl::AbortedError(
          absl::StrCat(path.string(), " changed while being read"));
    }
    text[text.size() - 1] = '\0';
    if (status.ok()) text.resize(got);
  }
  close(fd);
  if (!status.ok()) {
    OPENSSL_cleanse(text.data(), text.size());
    return status;
  }
  return text;
}

}  // namespace rosa::crypto
