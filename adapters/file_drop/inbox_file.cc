#include "adapters/file_drop/inbox_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace rosa {
namespace {

// What a non-regular file is, for the reason in rejected/.
const char* KindOf(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

absl::Status Refused(const char* why) {
  return absl::FailedPreconditionError(
      absl::StrCat("file: ", why,
                   "; only regular files the hub's user owns "
                   "are read"));
}

// Checks the file itself (from lstat or fstat).
absl::Status CheckStat(const struct stat& st, size_t max_bytes, uid_t owner) {
  if (!S_ISREG(st.st_mode)) return Refused(KindOf(st.st_mode));
  if (st.st_nlink != 1) return Refused("a hard link to another file");
  if (st.st_uid != owner) return Refused("owned by another user");
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "payload: ", st.st_size, " bytes, more than the limit of ", max_bytes));
  }
  return absl::OkStatus();
}

absl::Status OpenError(int err) {
  switch (err) {
    case ENOENT:
      return absl::NotFoundError("file: gone");
    case ELOOP:
    case EMLINK:
      return Refused("a symbolic link");
    case EACCES:
    case EPERM:
      return Refused("not readable by the hub's user");
    default:
      return absl::UnavailableError(
          absl::StrCat("file: cannot open: ", std::strerror(err)));
  }
}

}  // namespace

absl::StatusOr<std::string> ReadInboxFile(const std::filesystem::path& path,
                                          size_t max_bytes, uid_t owner) {
  // lstat first, so that a device or FIFO is refused without being opened
  // (opening a device can have effects of its own).
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return OpenError(errno);
  if (absl::Status s = CheckStat(st, max_bytes, owner); !s.ok()) return s;
  const int fd = ::open(
      path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return OpenError(errno);
  // The file may have been swapped since lstat: the descriptor decides.
  absl::Status status;
  if (::fstat(fd, &st) != 0) {
    status = absl::UnavailableError(
        absl::StrCat("file: fstat: ", std::strerror(errno)));
  } else {
    status = CheckStat(st, max_bytes, owner);
  }
  std::string bytes;
  if (status.ok()) {
    bytes.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (status.ok() && done < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = absl::UnavailableError(
            absl::StrCat("file: read: ", std::strerror(errno)));
      } else if (n == 0) {
        status = absl::UnavailableError("file: shorter than its size");
      } else {
        done += static_cast<size_t>(n);
      }
    }
    // Growing after fstat means the partner is still writing it.
    char extra;
    if (status.ok() && ::read(fd, &extra, 1) > 0) {
      status = absl::UnavailableError("file: still being written");
    }
  }
  ::close(fd);
  if (!status.ok()) return status;
  return bytes;
}

}  // namespace rosa
