// Where a data directory keeps the hub's database: the one file name that
// the hub, its tools (audit, report, console users, key rotation) and backup
// and restore all find it by. A backup keeps it under the same name.
// Thread-safety: a constant and functions of their arguments only.
#ifndef ROSA_HUB_STORE_DATABASE_FILE_H_
#define ROSA_HUB_STORE_DATABASE_FILE_H_

#include <filesystem>
#include <memory>

#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

inline constexpr char kDatabaseFileName[] = "rosa-hub.db";

// `data_dir`/rosa-hub.db.
inline std::filesystem::path DatabasePath(
    const std::filesystem::path& data_dir) {
  return data_dir / kDatabaseFileName;
}

// The database of `data_dir` opened in `mode`, for the tools that work on
// the data of a hub that has run: NOT_FOUND ("no database at <path>: start
// the hub once first") where there is none, instead of making an empty one.
absl::StatusOr<std::unique_ptr<Connection>> OpenExistingDatabase(
    const std::filesystem::path& data_dir, Connection::Mode mode);

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_DATABASE_FILE_H_
