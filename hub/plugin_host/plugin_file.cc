#include "hub/plugin_host/plugin_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

constexpr off_t kMaxPluginSize = off_t{256} << 20;

// Owned by the hub's user or root, and writable by no one else.
bool TrustedOwnerAndMode(const struct stat& st) {
  return (st.st_uid == geteuid() || st.st_uid == 0) &&
         (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

// <copy_dir>/<sha256>-<file name>.
std::filesystem::path CopyPath(const std::filesystem::path& copy_dir,
                               const StagedPlugin& staged) {
  return copy_dir /
         absl::StrCat(staged.sha256, "-", staged.file.filename().string());
}

}  // namespace

absl::Status CheckPluginFolder(const std::filesystem::path& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) {
    return absl::ErrnoToStatus(errno,
                               absl::StrCat("plugin folder ", dir.string()));
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin folder ", dir.string(), " is not a directory"));
  }
  if (!TrustedOwnerAndMode(st)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin folder ", dir.string(),
        " must be owned by the hub's user or root and writable by no one "
        "else (chmod go-w)"));
  }
  return absl::OkStatus();
}

namespace {

// Opens `file` as ReadPluginFile says and gives its bytes to `piece` in
// order, a buffer at a time: nothing holds the whole library.
absl::Status ReadPluginFileInPieces(
    const std::filesystem::path& file,
    const std::function<void(std::string_view)>& piece) {
  const std::string shown = file.filename().string();
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ELOOP) {
      return absl::FailedPreconditionError(
          absl::StrCat("plugin file ", shown,
                       " is a symbolic link; plugins load only from regular "
                       "files"));
    }
    return absl::ErrnoToStatus(errno, absl::StrCat("plugin file ", shown));
  }
  absl::Status status;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    status = absl::ErrnoToStatus(errno, absl::StrCat("plugin file ", shown));
  } else if (!S_ISREG(st.st_mode) || st.st_size > kMaxPluginSize) {
    status = absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown, " is not a regular file of at most 256 MiB"));
  } else if (!TrustedOwnerAndMode(st)) {
    status = absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown,
                     " must be owned by the hub's user or root and writable "
                     "by no one else"));
  } else {
    char buffer[1 << 16];
    off_t total = 0;
    while (true) {
      const ssize_t n = read(fd, buffer, sizeof(buffer));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = absl::ErrnoToStatus(errno, absl::StrCat("read ", shown));
        break;
      }
      if (n == 0) break;
      total += n;
      if (total > kMaxPluginSize) {
        status = absl::FailedPreconditionError(
            absl::StrCat("plugin file ", shown, " grew while being read"));
        break;
      }
      piece(std::string_view(buffer, static_cast<size_t>(n)));
    }
  }
  close(fd);
  return status;
}

}  // namespace

absl::StatusOr<std::string> ReadPluginFile(const std::filesystem::path& file) {
  std::string data;
  RETURN_IF_ERROR(ReadPluginFileInPieces(
      file, [&data](std::string_view piece) { data.append(piece); }));
  return data;
}

absl::StatusOr<std::string> HashPluginFile(const std::filesystem::path& file) {
  Sha256Stream sha256;
  RETURN_IF_ERROR(ReadPluginFileInPieces(
      file, [&sha256](std::string_view piece) { sha256.Update(piece); }));
  return sha256.FinishHex();
}

absl::StatusOr<StagedPlugin> StagePluginCopy(
    const std::filesystem::path& file, const std::filesystem::path& copy_dir) {
  RETURN_IF_ERROR(CheckPluginFolder(file.has_parent_path()
                                        ? file.parent_path()
                                        : std::filesystem::path(".")));
  StagedPlugin staged;
  staged.file = file;
  // Hashed in pieces: at every start but the first the copy is there
  // already, and the library's bytes are not needed whole.
  ASSIGN_OR_RETURN(staged.sha256, HashPluginFile(file));
  RETURN_IF_ERROR(EnsurePrivateDirectory(copy_dir));
  std::error_code ec;
  if (!std::filesystem::exists(
          std::filesystem::symlink_status(CopyPath(copy_dir, staged), ec))) {
    // The copy is written from the bytes read now, and named by their
    // hash: the file may have changed since it was hashed above.
    ASSIGN_OR_RETURN(const std::string bytes, ReadPluginFile(file));
    staged.sha256 = Sha256Hex(bytes);
    WriteFileOptions options;
    options.mode = 0500;
    RETURN_IF_ERROR(
        WriteFileAtomically(CopyPath(copy_dir, staged), bytes, options));
  }
  staged.copy = CopyPath(copy_dir, staged);
  // Not read back here: the process that maps the copy checks it just
  // before (PluginLibrary::Open), which a check here could not replace.
  return staged;
}

absl::Status CheckStagedCopy(const StagedPlugin& staged) {
  ASSIGN_OR_RETURN(const std::string stored, HashPluginFile(staged.copy));
  if (stored != staged.sha256) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", staged.file.filename().string(), ": the stored copy ",
        staged.copy.filename().string(),
        " no longer matches its SHA-256; remove it and start again"));
  }
  return absl::OkStatus();
}

}  // namespace rosa
