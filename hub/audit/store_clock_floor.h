// The latest time the hub stamped on anything in its store: the newest
// audit entry, event, referral or handoff step, availability report, place
// hold and journal record. The hub's clock starts no earlier than this
// (HubClock::RaiseFloor), so that a hub restarted while its wall clock is
// behind never stamps a time earlier than one it stored. One indexed seek
// per table (schema migration 7), so it is cheap on a store of any size.
//
// Thread-safety: LatestStoredTime uses only the caller's connection;
// RaiseClockToStore blocks the calling thread until a reader has read.
#ifndef ROSA_HUB_AUDIT_STORE_CLOCK_FLOOR_H_
#define ROSA_HUB_AUDIT_STORE_CLOCK_FLOOR_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/hub_clock.h"
#include "hub/store/database.h"
#include "hub/store/sqlite.h"

namespace rosa::audit {

// The latest stamped time in the store; InfinitePast when it holds none.
absl::StatusOr<absl::Time> LatestStoredTime(store::Connection& conn);

// At the hub's start, before any desk stamps a time: reads LatestStoredTime
// through one of `db`'s readers and raises `clock`'s floor to it. Returns
// the floor.
absl::StatusOr<absl::Time> RaiseClockToStore(store::Database& db,
                                             HubClock& clock);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_STORE_CLOCK_FLOOR_H_
