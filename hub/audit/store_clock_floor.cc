#include "hub/audit/store_clock_floor.h"

#include <algorithm>
#include <array>

#include "common/time_util.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {
namespace {

// Each is one seek to the end of an index (MAX over an indexed column).
constexpr std::array<const char*, 6> kLatest = {
    "SELECT MAX(recorded_us) FROM events",
    "SELECT MAX(updated_us) FROM referrals",
    "SELECT MAX(updated_us) FROM handoffs",
    "SELECT MAX(recorded_us) FROM facility_units",
    "SELECT MAX(created_us) FROM place_holds",
    "SELECT MAX(recorded_us) FROM journal_records",
};

}  // namespace

absl::StatusOr<absl::Time> LatestStoredTime(store::Connection& conn) {
  absl::Time latest = absl::InfinitePast();
  for (const char* sql : kLatest) {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (row && !stmt->ColumnIsNull(0)) {
      latest = std::max(latest, FromUnixMicrosStored(stmt->ColumnInt(0)));
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
