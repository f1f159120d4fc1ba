// Holds: a place kept in a facility unit for a placement referral while its
// recipient decides. One row per referral in `place_holds`; the body is the
// PlaceHold, the columns are what queries filter on, and `claimed_us` is when
// an accepted referral claimed the place (PlaceHold has no field for it).
//
// A hold counts against a unit's free places while it is ACTIVE and not
// past expires_at, and, once CLAIMED, until the unit reports figures as of
// a time after the claim (the report then includes the person). Expiry is
// a matter of time: an ACTIVE hold past expires_at counts as EXPIRED
// everywhere, whether or not its row says so yet.
//
// Thread-safety: the pure functions are thread-safe; the store functions
// take the calling thread's connection.
#ifndef ROSA_HUB_PLACEMENT_HOLD_BOOK_H_
#define ROSA_HUB_PLACEMENT_HOLD_BOOK_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/placement.pb.h"

namespace rosa {

struct HoldRecord {
  rosa::hub::v1::PlaceHold hold;
  // Set once the referral was accepted (state CLAIMED).
  std::optional<absl::Time> claimed_at;
};

// The hold's state at `now`: ACTIVE past expires_at is EXPIRED.
rosa::hub::v1::HoldState EffectiveHoldState(const HoldRecord& record,
                                            absl::Time now);

// True when `record` keeps a place in the unit whose latest figures are as
// of `unit_as_of`. REQUIRES: the hold is on that unit.
bool HoldCounts(const HoldRecord& record, absl::Time unit_as_of,
                absl::Time now);

absl::Status InsertHold(store::Connection& conn, const HoldRecord& record);
// Replaces the stored hold of the same referral.
absl::Status UpdateHold(store::Connection& conn, const HoldRecord& record);
// nullopt when the referral has no hold.
absl::StatusOr<std::optional<HoldRecord>> LoadHold(
    store::Connection& conn, const std::string& referral_id);
// The holds whose stored state is ACTIVE or CLAIMED (those that may still
// count), of one facility or, with an empty `facility_id`, of all.
absl::StatusOr<std::vector<HoldRecord>> LoadLiveHolds(
    store::Connection& conn, const std::string& facility_id);
// The holds stored ACTIVE whose expires_at is at or before `now`.
absl::StatusOr<std::vector<HoldRecord>> LoadDueHolds(store::Connection& conn,
                                                     absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_PLACEMENT_HOLD_BOOK_H_
