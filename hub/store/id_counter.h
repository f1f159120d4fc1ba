// Yearly sequence numbers for the hub's record ids: "R-2026-000123" for a
// referral, "H-2026-000042" for a handoff, "I-2026-000001" for a hotline
// inquiry. Each kind of record counts in its own row of id_counters per
// year. Numbers restart each year and no number is given to two records:
// the counter moves in the record's own transaction, so a write that is
// rolled back gives its number back with it.
// Thread-safety: takes the calling thread's connection; runs inside a write
// transaction on the store's writer thread.
#ifndef ROSA_HUB_STORE_ID_COUNTER_H_
#define ROSA_HUB_STORE_ID_COUNTER_H_

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

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_ID_COUNTER_H_
