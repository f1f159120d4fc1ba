#include "hub/plugin_host/plugin_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "common/sha256.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

constexpr off_t kMaxPluginSize = off_t{256} << 20;

// Owned by the hub's user or root, and writable by no one else.
bool TrustedOwnerAndMode(const struct stat& st) {
  return (st.st_uid == geteuid() || st.st_uid == 0) &&
         (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
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

absl::StatusOr<std::string> ReadPluginFile(const std::filesystem::path& file) {
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
  absl::StatusOr<std::string> bytes;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    bytes = absl::ErrnoToStatus(errno, absl::StrCat("plugin file ", shown));
  } else if (!S_ISREG(st.st_mode) || st.st_size > kMaxPluginSize) {
    bytes = absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown, " is not a regular file of at most 256 MiB"));
  } else if (!TrustedOwnerAndMode(st)) {
    bytes = absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown,
                     " must be owned by the hub's user or root and writable "
                     "by no one else"));
  } else {
    std::string data;
    data.reserve(static_cast<size_t>(st.st_size));
    char buffer[1 << 16];
    while (true) {
      const ssize_t n = read(fd, buffer, sizeof(buffer));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        bytes = absl::ErrnoToStatus(errno, absl::StrCat("read ", shown));
        break;
      }
      if (n == 0) {
        bytes = std::move(data);
        break;
      }
      if (data.size() + static_cast<size_t>(n) >
          static_cast<size_t>(kMaxPluginSize)) {
        bytes = absl::FailedPreconditionError(
            absl::StrCat("plugin file ", shown, " grew while being read"));
        break;
      }
      data.append(buffer, static_cast<size_t>(n));
    }
  }
  close(fd);
  return bytes;
}

absl::StatusOr<StagedPlugin> StagePluginCopy(
    const std::filesystem::path& file, const std::filesystem::path& copy_dir) {
  RETURN_IF_ERROR(CheckPluginFolder(file.has_parent_path()
                                        ? file.parent_path()
                                        : std::filesystem::path(".")));
  ASSIGN_OR_RETURN(const std::string bytes, ReadPluginFile(file));
  StagedPlugin staged;
  staged.file = file;
  staged.sha256 = Sha256Hex(bytes);
  RETURN_IF_ERROR(EnsurePrivateDirectory(copy_dir));
  staged.copy =
      copy_dir / absl::StrCat(staged.sha256, "-", file.filename().string());
  std::error_code ec;
  if (!std::filesystem::exists(
          std::filesystem::symlink_status(staged.copy, ec))) {
    WriteFileOptions options;
    options.mode = 0500;
    RETURN_IF_ERROR(WriteFileAtomically(staged.copy, bytes, options));
  }
  // Not read back here: the process that maps the copy checks it just
  // before (PluginLibrary::Open), which a check here could not replace.
  return staged;
}

absl::Status CheckStagedCopy(const StagedPlugin& staged) {
  ASSIGN_OR_RETURN(const std::string stored, ReadPluginFile(staged.copy));
  if (Sha256Hex(stored) != staged.sha256) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", staged.file.filename().string(), ": the stored copy ",
        staged.copy.filename().string(),
        " no longer matches its SHA-256; remove it and start again"));
  }
  return absl::OkStatus();
}

}  // namespace rosa
