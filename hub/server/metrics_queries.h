// The database figures behind the hub's scrape-time metrics, each bounded
// in cost: per partner a few primary-key lookups, per facility one row of
// an aggregate over its units (at most max_units_per_facility each), one
// aggregate over the holds, one seek for the audit log size. Run on a
// reader connection (ReadPool), never on the writer thread.
//
// Thread-safety: functions keep no state; each takes the calling thread's
// connection.
#ifndef ROSA_HUB_SERVER_METRICS_QUERIES_H_
#define ROSA_HUB_SERVER_METRICS_QUERIES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"

namespace rosa {

struct OutboxFigures {
  // Events after the cursor the partner has read through: the cursors from
  // the first unread event to the last. (Right after a restore, until the
  // partner has read past the jump in its cursors, that counts the jump.)
  uint64_t backlog = 0;
  // When the oldest of them was recorded; nullopt when there is none.
  std::optional<absl::Time> oldest_unread;
};

// For each of `partners`: `read_through` is how far its streams read
// (DeliveryMarks); its file-drop outbox cursor and retention's pruning
// point count as read too.
absl::StatusOr<std::map<std::string, OutboxFigures>> QueryOutboxFigures(
    store::Connection& conn, const std::vector<std::string>& partners,
    const std::map<std::string, uint64_t>& read_through);

struct FacilityFigures {
  std::string partner;
  std::string facility;
  // The newest as-of time of the facility's reported units.
  absl::Time newest_as_of;
};
// Every facility that has reported figures.
absl::StatusOr<std::vector<FacilityFigures>> QueryFacilityFigures(
    store::Connection& conn);

// Holds by state name ("active", "claimed", "released", "expired"); an
// ACTIVE hold past its expiry counts as expired (hold_book.h).
absl::StatusOr<std::map<std::string, int64_t>> QueryHoldCounts(
    store::Connection& conn, absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_METRICS_QUERIES_H_
