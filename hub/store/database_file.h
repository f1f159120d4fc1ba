// Where a data directory keeps the hub's database: the one file name that
// the hub, its tools (audit, report, console users, key rotation) and backup
// and restore all find it by. A backup keeps it under the same name.
// Thread-safety: a constant and a pure function.
#ifndef ROSA_HUB_STORE_DATABASE_FILE_H_
#define ROSA_HUB_STORE_DATABASE_FILE_H_

#include <filesystem>

namespace rosa::store {

inline constexpr char kDatabaseFileName[] = "rosa-hub.db";

// `data_dir`/rosa-hub.db.
inline std::filesystem::path DatabasePath(
    const std::filesystem::path& data_dir) {
  return data_dir / kDatabaseFileName;
}

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_DATABASE_FILE_H_
