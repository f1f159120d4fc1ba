#include "hub/store/schema.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"

namespace rosa::store {
namespace {

// Times are microseconds since the Unix epoch. Protobuf blobs hold the full
// record; the columns beside them exist only to index and filter.
constexpr std::array<const char*, 1> kMigrations = {
    // 1: referrals, their idempotency record and the per-partner outbox.
    R"sql(
CREATE TABLE referrals (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  sender     TEXT NOT NULL,
  recipient  TEXT NOT NULL,
  type       INTEGER NOT NULL,
  state      INTEGER NOT NULL,
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL,
  body       BLOB NOT NULL
);
CREATE INDEX referrals_by_sender ON referrals(sender, seq);
CREATE INDEX referrals_by_recipient ON referrals(recipient, seq);

CREATE TABLE id_counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE idempotency (
  partner      TEXT NOT NULL,
  key          TEXT NOT NULL,
  method       TEXT NOT NULL,
  request_hash BLOB NOT NULL,
  response     BLOB NOT NULL,
  created_us   INTEGER NOT NULL,
  PRIMARY KEY (partner, key)
) WITHOUT ROWID;

CREATE TABLE events (
  partner     TEXT NOT NULL,
  cursor      INTEGER NOT NULL,
  recorded_us INTEGER NOT NULL,
  body        BLOB NOT NULL,
  PRIMARY KEY (partner, cursor)
) WITHOUT ROWID;
CREATE INDEX events_by_time ON events(recorded_us);

-- Per partner: the last cursor handed out, and the newest cursor removed by
-- retention (a Watch from before it is OUT_OF_RANGE).
CREATE TABLE event_streams (
  partner      TEXT PRIMARY KEY,
  last_cursor  INTEGER NOT NULL,
  pruned_until INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
};

absl::StatusOr<int> UserVersion(Connection& conn) {
  auto stmt = conn.Prepare("PRAGMA user_version");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>((*stmt)->ColumnInt(0));
}

}  // namespace

int CurrentSchemaVersion() { return static_cast<int>(kMigrations.size()); }

absl::Status ApplySchema(Connection& conn) {
  if (auto s = conn.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto version = UserVersion(conn);
  absl::Status status = version.status();
  if (status.ok() && *version > CurrentSchemaVersion()) {
    status = absl::FailedPreconditionError(absl::StrCat(
        "store: database schema version ", *version,
        " is newer than this hub understands (", CurrentSchemaVersion(), ")"));
  }
  for (int v = status.ok() ? *version : CurrentSchemaVersion();
       v < CurrentSchemaVersion() && status.ok(); ++v) {
    status = conn.Exec(kMigrations[v]);
    if (status.ok()) {
      status = conn.Exec(absl::StrCat("PRAGMA user_version = ", v + 1));
    }
  }
  if (!status.ok()) {
    conn.Exec("ROLLBACK").IgnoreError();
    return status;
  }
  return conn.Exec("COMMIT");
}

}  // namespace rosa::store
