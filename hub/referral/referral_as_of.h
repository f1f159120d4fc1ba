// A referral as it was at an earlier version, rebuilt from its current
// state and history, so that outbox events and idempotency answers can keep
// a referral by reference (its id and version) instead of a copy of it.
//
// A version can be rebuilt when every change up to it was a transition
// (each adds one history entry and one version; an assisted-return update
// adds a version only and overwrites what it replaces). A transition keeps
// everything but state, updated_at, version, history and, on acceptance,
// facility; so the referral at version v is the current one with its first
// v history entries, the state the v-th one led to, updated_at when it was
// recorded, facility only if one of them accepted, and no assisted-return
// status (none was recorded by then).
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_AS_OF_H_
#define ROSA_HUB_REFERRAL_REFERRAL_AS_OF_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

// True if `referral`'s current version can later be rebuilt by
// ReferralAsOf: every change so far was a transition.
bool CanRebuildCurrentVersion(const rosa::hub::v1::Referral& referral);

// `referral` as it was at `version`. DATA_LOSS if it has no such version.
// REQUIRES: CanRebuildCurrentVersion held when `version` was current.
absl::StatusOr<rosa::hub::v1::Referral> ReferralAsOf(
    const rosa::hub::v1::Referral& referral, uint64_t version);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_AS_OF_H_
