#include "hub/person/key_guard.h"

#include "hub/store/sqlite.h"

namespace rosa {

absl::Status CheckKeyFileNotLost(const std::filesystem::path& db_path,
                                 const std::filesystem::path& kek_path) {
  std::error_code ec;
  if (std::filesystem::exists(kek_path, ec) ||
      !std::filesystem::exists(db_path, ec)) {
    return absl::OkStatus();
  }
  auto conn =
      store::Connection::Open(db_path, store::Connection::Mode::kReadOnly);
  if (!conn.ok()) return conn.status();
  // Persons' data keys, and the keys of sealed notes that name no person.
  int64_t wrapped = 0;
  for (const char* sql :
       {"SELECT count(*) FROM persons", "SELECT count(*) FROM object_keys"}) {
    auto stmt = (*conn)->Prepare(sql);
    if (!stmt.ok()) continue;  // A schema older than the table.
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (*row) wrapped += (*stmt)->ColumnInt(0);
  }
  if (wrapped == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "the key file keys/kek is missing but the database holds persons or "
      "notes sealed under it; restore keys/ from its separate copy (README: "
      "\"Person data at rest, keys and erasure\") instead of starting with a "
      "new key");
}

}  // namespace rosa
