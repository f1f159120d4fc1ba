#include "hub/person/key_guard.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/envelope.h"
#include "hub/person/key_rewrap.h"

namespace rosa {
namespace {

// Every table of (id, kek_version, wrapped_key) rows: persons' data keys,
// and the keys of sealed notes that name no person.
std::vector<WrappedKeyTable> Tables() { return {PersonKeys(), ObjectKeys()}; }

// False for a database whose schema is older than `table`.
absl::StatusOr<bool> HasTable(store::Connection& conn, const char* table) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT 1 FROM sqlite_master"
                                " WHERE type = 'table' AND name = ?1"));
  stmt->Bind(1, table);
  return stmt->Step();
}

// The KEK versions data keys are wrapped under, ascending.
absl::StatusOr<std::set<uint32_t>> KekVersionsInUse(store::Connection& conn) {
  std::set<uint32_t> versions;
  for (const WrappedKeyTable& t : Tables()) {
    ASSIGN_OR_RETURN(const bool exists, HasTable(conn, t.table));
    if (!exists) continue;
    ASSIGN_OR_RETURN(auto stmt,
                     conn.Prepare(absl::StrCat(
                         "SELECT DISTINCT kek_version FROM ", t.table)));
    for (;;) {
      ASSIGN_OR_RETURN(const bool row, stmt->Step());
      if (!row) break;
      versions.insert(static_cast<uint32_t>(stmt->ColumnInt(0)));
    }
  }
  return versions;
}

// The versions of `held` that do not open the first data key `conn`'s
// database wrapped under them, in either table: another installation's
// key file with the same version numbers, or a damaged one.
absl::StatusOr<std::set<uint32_t>> VersionsThatDoNotOpen(
    store::Connection& conn, const crypto::KekStore& keks,
    const std::set<uint32_t>& held) {
  std::set<uint32_t> wrong;
  for (const WrappedKeyTable& t : Tables()) {
    ASSIGN_OR_RETURN(const bool exists, HasTable(conn, t.table));
    if (!exists) continue;
    ASSIGN_OR_RETURN(
        auto stmt,
        conn.Prepare(absl::StrCat("SELECT ", t.id_column, ", wrapped_key FROM ",
                                  t.table, " WHERE kek_version = ?1 LIMIT 1")));
    for (const uint32_t version : held) {
      stmt->Reset();
      stmt->Bind(1, static_cast<int64_t>(version));
      ASSIGN_OR_RETURN(const bool row, stmt->Step());
      if (!row) continue;
      const crypto::WrappedKey wrapped{version, stmt->ColumnBlob(1)};
      if (!crypto::UnwrapDataKey(keks, t.owner(stmt->ColumnText(0)), wrapped)
               .ok()) {
        wrong.insert(version);
      }
    }
  }
  return wrong;
}

}  // namespace

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
  int64_t wrapped = 0;
  for (const WrappedKeyTable& t : Tables()) {
    ASSIGN_OR_RETURN(const bool exists, HasTable(**conn, t.table));
    if (!exists) continue;  // A schema older than the table.
    ASSIGN_OR_RETURN(auto stmt, (*conn)->Prepare(absl::StrCat(
                                    "SELECT count(*) FROM ", t.table)));
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (row) wrapped += stmt->ColumnInt(0);
  }
  if (wrapped == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "the key file keys/kek is missing but the database holds persons or "
      "notes sealed under it; restore keys/ from its separate copy (README: "
      "\"Person data at rest, keys and erasure\") instead of starting with a "
      "new key");
}

absl::Status CheckKekVersionsHeld(store::Connection& conn,
                                  const crypto::KekStore* keks) {
  ASSIGN_OR_RETURN(const std::set<uint32_t> in_use, KekVersionsInUse(conn));
  const std::vector<uint32_t> held =
      keks == nullptr ? std::vector<uint32_t>{} : keks->versions();
  std::vector<uint32_t> missing;
  for (const uint32_t version : in_use) {
    if (std::find(held.begin(), held.end(), version) == held.end()) {
      missing.push_back(version);
    }
  }
  if (missing.empty()) {
    ASSIGN_OR_RETURN(const std::set<uint32_t> wrong,
                     VersionsThatDoNotOpen(conn, *keks, in_use));
    if (wrong.empty()) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "keys/kek's KEK version", wrong.size() == 1 ? " " : "s ",
        absl::StrJoin(wrong, ", "),
        " cannot open the data keys the database wrapped under ",
        wrong.size() == 1 ? "it" : "them",
        " (the key file of another installation, or a damaged one)"));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "the database holds data keys wrapped under KEK version",
      missing.size() == 1 ? " " : "s ", absl::StrJoin(missing, ", "),
      ", which keys/kek does not hold (",
      held.empty() ? std::string("there is no key file")
                   : absl::StrCat("it holds ", absl::StrJoin(held, ", ")),
      ")"));
}

absl::Status CheckKeksCoverDatabase(const std::filesystem::path& db_path,
                                    const crypto::KekStore& keks) {
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto conn, store::Connection::Open(
                                  db_path, store::Connection::Mode::kReadOnly));
  const absl::Status held = CheckKekVersionsHeld(*conn, &keks);
  if (!absl::IsFailedPrecondition(held)) return held;
  return absl::FailedPreconditionError(absl::StrCat(
      held.message(),
      ": every person and note sealed under those versions would be "
      "unreadable. A database restored from a backup needs the copy of "
      "keys/ from the backup's own time (README, \"Backup and restore\")"));
}

}  // namespace rosa
