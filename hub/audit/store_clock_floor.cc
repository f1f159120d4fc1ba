#include "hub/audit/store_clock_floor.h"

#include <algorithm>

#include "common/time_util.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {

absl::StatusOr<absl::Time> LatestStoredTime(store::Connection& conn) {
  absl::Time latest = absl::InfinitePast();
  {
    ASSIGN_OR_RETURN(auto stmt,
                     conn.Prepare("SELECT latest_us FROM clock_mark"));
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (row && !stmt->ColumnIsNull(0)) {
      latest = FromUnixMicrosStored(stmt->ColumnInt(0));
    }
  }
  // Entries are appended in the clock's order: the last is the latest.
  ASSIGN_OR_RETURN(const uint64_t size, AuditLogSize(conn));
  if (size > 0) {
    ASSIGN_OR_RETURN(const auto entries, ReadAuditEntries(conn, size - 1, 1));
    if (!entries.empty()) {
      latest = std::max(latest, FromProtoTime(entries.front().at()));
    }
  }
  return latest;
}

absl::Status RaiseClockMark(store::Connection& conn, absl::Time latest) {
  // One row, id 1 (migration 10 makes it); the upsert also mends a
  // missing one. A mark already at or after `latest` is left as it is
  // (no page is written).
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT INTO clock_mark(id, latest_us) VALUES (1, ?1)"
                   " ON CONFLICT(id) DO UPDATE SET latest_us = ?1"
                   " WHERE latest_us IS NULL OR latest_us < ?1"));
  stmt->Bind(1, ToUnixMicrosStored(latest));
  return stmt->Run();
}

std::function<absl::Status(store::Connection&)> ClockMarkHook(
    const HubClock* clock) {
  return [clock](store::Connection& conn) -> absl::Status {
    // Every time this transaction stores was given before this call.
    const absl::Time latest = clock->LatestGiven();
    if (latest == absl::InfinitePast()) return absl::OkStatus();
    return RaiseClockMark(conn, latest);
  };
}

absl::StatusOr<absl::Time> RaiseClockToStore(store::Database& db,
                                             HubClock& clock) {
  absl::Time latest = absl::InfinitePast();
  RETURN_IF_ERROR(
      db.readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        ASSIGN_OR_RETURN(latest, LatestStoredTime(conn));
        return absl::OkStatus();
      }));
  clock.RaiseFloor(latest);
  return latest;
}

}  // namespace rosa::audit
