#include "hub/store/database_file.h"

#include <system_error>

#include "absl/strings/str_cat.h"

namespace rosa::store {

absl::StatusOr<std::unique_ptr<Connection>> OpenExistingDatabase(
    const std::filesystem::path& data_dir, Connection::Mode mode) {
  const std::filesystem::path path = DatabasePath(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return absl::NotFoundError(absl::StrCat("no database at ", path.string(),
                                            ": start the hub once first"));
  }
  return Connection::Open(path, mode);
}

}  // namespace rosa::store
