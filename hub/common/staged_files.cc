#include "hub/common/staged_files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa {

namespace fs = std::filesystem;

StagedFiles::StagedFiles(fs::path dir) : dir_(std::move(dir)) {}

StagedFiles::~StagedFiles() {
  for (const File& f : files_) {
    if (!f.published) unlink(f.tmp.c_str());
  }
}

absl::Status StagedFiles::Stage(const std::string& name,
                                std::string_view data) {
  File file;
  file.path = dir_ / name;
  ASSIGN_OR_RETURN(const int fd, CreateTemporaryFile(file.path, &file.tmp));
  absl::Status status = WriteAll(fd, data, file.tmp);
  if (status.ok() && fsync(fd) != 0) {
    status = ErrnoError(errno, "fsync", file.tmp);
  }
  if (close(fd) != 0 && status.ok()) {
    status = ErrnoError(errno, "close", file.tmp);
  }
  file.staged = status.ok();
  files_.push_back(std::move(file));  // Deleted by the destructor if need be.
  return status;
}

absl::Status StagedFiles::Publish(size_t index) {
  if (index >= files_.size() || !files_[index].staged ||
      files_[index].published) {
    return absl::FailedPreconditionError(
        absl::StrCat("staged file ", index, " cannot be published"));
  }
  File& f = files_[index];
  if (rename(f.tmp.c_str(), f.path.c_str()) != 0) {
    return ErrnoError(errno, "rename to", f.path);
  }
  f.published = true;
  return absl::OkStatus();
}

absl::Status StagedFiles::SyncDirectory() { return rosa::SyncDirectory(dir_); }

}  // namespace rosa
