// The referral lifecycle, in FHIR Task vocabulary, as one table:
//   requested -> received -> accepted | rejected
//   accepted -> in_progress (arrived) -> completed (left)
//   requested | received | accepted -> cancelled
// and who may take each step: the recipient moves a referral forward, the
// sender cancels it.
// Thread-safety: pure functions over constant tables.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_STATE_MACHINE_H_
#define ROSA_HUB_REFERRAL_REFERRAL_STATE_MACHINE_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

using rosa::hub::v1::ReferralState;
using rosa::hub::v1::ReferralType;

// Which side of a referral may move it to a given state.
enum class ReferralSide { kSender, kRecipient };

// "requested", "in_progress", ... (FHIR's spelling, with '_').
absl::string_view ReferralStateName(ReferralState state);
// "placement", "legal_counsel", ...
absl::string_view ReferralTypeName(ReferralType type);

// The side that moves a referral into `target`: kSender for CANCELLED,
// kRecipient for every other reachable state.
// REQUIRES: target is a state some transition leads to (not REQUESTED or
// UNSPECIFIED).
ReferralSide SideThatMovesTo(ReferralState target);

// OK if `from -> to` is a step of the lifecycle; otherwise
// FAILED_PRECONDITION naming the current state.
absl::Status CheckTransition(ReferralState from, ReferralState to);

// True for rejected, completed and cancelled: nothing follows them.
bool IsTerminal(ReferralState state);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_STATE_MACHINE_H_
