// The latest time the hub stamped on anything in its store, and how the
// store keeps it. Every time the hub stores (an audit entry, event,
// referral or handoff step, availability report, place hold, journal
// record) is a time its clock gave, so the store keeps the clock's latest
// given time (HubClock::LatestGiven) in one row, the clock mark (table
// clock_mark, schema migration 10): ClockMarkHook writes it in every
// group-commit transaction just before COMMIT, raising it only, so the
// mark commits atomically with, and is at or after, every time that
// transaction stores. A database from before the mark starts with the
// latest time its tables held (migration 10 reads it from their time
// indexes, then drops them). The hub's clock starts no earlier than the
// mark and the last audit entry (HubClock::RaiseFloor), so that a hub
// restarted while its wall clock is behind never stamps a time earlier
// than one it stored. Two one-row reads, cheap on a store of any size.
//
// Anything that writes stamped times into the store through a Database
// must open it with ClockMarkHook on the clock its desks stamp with (the
// hub: app/hub_server.cc; the benchmark's loader).
//
// Thread-safety: LatestStoredTime and RaiseClockMark use only the caller's
// connection; the hook runs on the writer thread and reads the clock
// (thread-safe); RaiseClockToStore blocks the calling thread until a
// reader has read.
#ifndef ROSA_HUB_AUDIT_STORE_CLOCK_FLOOR_H_
#define ROSA_HUB_AUDIT_STORE_CLOCK_FLOOR_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/hub_clock.h"
#include "hub/store/database.h"
#include "hub/store/sqlite.h"

namespace rosa::audit {

// The latest stamped time in the store: the later of the clock mark and
// the last audit entry's time; InfinitePast when it holds neither.
absl::StatusOr<absl::Time> LatestStoredTime(store::Connection& conn);

// Raises the clock mark to `latest` (never lowers it).
// REQUIRES: inside a write transaction.
absl::Status RaiseClockMark(store::Connection& conn, absl::Time latest);

// The group-commit writer's before_commit for a store whose desks stamp
// with `clock` (not owned; must outlive the database): raises the mark to
// clock->LatestGiven(). Set it as store::Database::Options::before_commit.
std::function<absl::Status(store::Connection&)> ClockMarkHook(
    const HubClock* clock);

// At the hub's start, before any desk stamps a time: reads LatestStoredTime
// through one of `db`'s readers and raises `clock`'s floor to it. Returns
// the floor.
absl::StatusOr<absl::Time> RaiseClockToStore(store::Database& db,
                                             HubClock& clock);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_STORE_CLOCK_FLOOR_H_
