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
  int64_t persons = 0;
  {
    auto stmt = (*conn)->Prepare("SELECT count(*) FROM persons");
    if (!stmt.ok()) return absl::OkStatus();  // Schema older than persons.
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (*row) persons = (*stmt)->ColumnInt(0);
  }
  if (persons == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "the key file keys/kek is missing but the database holds persons "
      "sealed under it; restore keys/ from its separate copy (README: "
      "\"Person data at rest, keys and erasure\") instead of starting with a "
      "new key");
}

}  // namespace rosa
