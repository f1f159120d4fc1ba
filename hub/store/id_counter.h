// Yearly sequence numbers for the hub's record ids: "R-2026-000123" for a
// referral, "H-2026-000042" for a handoff, "I-2026-000001" for a hotline
// inquiry. Each kind of record counts in its own row of id_counters per
// year. Numbers restart each year and no number is given to two records:
// the counter moves in the record's own transaction, so a write that is
// rolled back gives its number back with it.
//
// A restore of a backup (hub/backup/restore.h) loses the records made after
// the backup, but partners hold their ids: AdvanceYearlyIdsForRestore moves
// every counter forward by kRestoreIdGap, and a counter of the years the
// lost records may fall in that does not exist yet starts past the same gap
// (from the year's floor row "*-<year>", which no counter name can be).
// Thread-safety: takes the calling thread's connection; runs inside a write
// transaction on the store's writer thread.
#ifndef ROSA_HUB_STORE_ID_COUNTER_H_
#define ROSA_HUB_STORE_ID_COUNTER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

// The next id of `counter` in `year` in the one format of
// common/hub_ids.h ("R-2026-000123"). `counter` names the sequence
// ("referral"), `prefix` the id's letter (ids::kReferralPrefix).
// RESOURCE_EXHAUSTED once a year's 999 999 999 numbers are used up.
// REQUIRES: inside a write transaction; 2000 <= year <= 2999.
absl::StatusOr<std::string> AllocateYearlyId(Connection& conn,
                                             std::string_view counter,
                                             char prefix, int year);

// How far every counter jumps when a backup is restored: more ids of one
// kind than the hub gives in a year between two backups.
inline constexpr int64_t kRestoreIdGap = 100'000;

// After a restore: moves every counter forward by kRestoreIdGap (never past
// ids::kMaxYearlyNumber), and makes a counter of `first_year` to
// `last_year` (within 2000 to 2999) begun later start past the gap too, so
// that no id handed out after the backup is handed out again.
// REQUIRES: inside a write transaction.
absl::Status AdvanceYearlyIdsForRestore(Connection& conn, int first_year,
                                        int last_year);

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_ID_COUNTER_H_
