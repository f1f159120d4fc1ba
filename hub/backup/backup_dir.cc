#include "hub/backup/backup_dir.h"

#include <system_error>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::backup {

namespace fs = std::filesystem;

absl::Status PrepareEmptyDirectory(const fs::path& dir, const std::string& what,
                                   const std::string& allowed) {
  RETURN_IF_ERROR(EnsureDirectory(dir));
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (!allowed.empty() && entry.path().filename() == allowed) continue;
    return absl::FailedPreconditionError(absl::StrCat(
        what, " ", dir.string(), " is not empty; it is never overwritten"));
  }
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot list ", what, " ", dir.string()));
  }
  return absl::OkStatus();
}

void RemoveContents(const fs::path& dir, const std::string& keep) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (!keep.empty() && entry.path().filename() == keep) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

}  // namespace rosa::backup
