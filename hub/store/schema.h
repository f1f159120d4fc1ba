// The hub's SQLite schema and its migrations, applied in order at start-up
// and recorded in PRAGMA user_version. A migration is never edited once
// released; changes come as new migrations.
// Thread-safety: call on the write connection before any other use.
#ifndef ROSA_HUB_STORE_SCHEMA_H_
#define ROSA_HUB_STORE_SCHEMA_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

// Brings the database up to the newest schema version in one transaction.
// Refuses a database written by a newer hub.
absl::Status ApplySchema(Connection& conn);

// The schema version this build writes.
int CurrentSchemaVersion();

// The schema version of the database on `conn` (its PRAGMA user_version;
// 0 for a database no hub has written).
absl::StatusOr<int> SchemaVersionOf(Connection& conn);

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_SCHEMA_H_
