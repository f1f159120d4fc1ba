#include "hub/referral/referral_state_machine.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"

namespace rosa {
namespace {

using rosa::hub::v1::ReferralState;
namespace v1 = rosa::hub::v1;

constexpr std::array<std::pair<ReferralState, ReferralState>, 8> kSteps{{
    {v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_RECEIVED},
    {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED},
    {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_REJECTED},
    {v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_IN_PROGRESS},
    {v1::REFERRAL_STATE_IN_PROGRESS, v1::REFERRAL_STATE_COMPLETED},
    {v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_CANCELLED},
    {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_CANCELLED},
    {v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_CANCELLED},
}};

}  // namespace

absl::string_view ReferralStateName(ReferralState state) {
  switch (state) {
    case v1::REFERRAL_STATE_REQUESTED:
      return "requested";
    case v1::REFERRAL_STATE_RECEIVED:
      return "received";
    case v1::REFERRAL_STATE_ACCEPTED:
      return "accepted";
    case v1::REFERRAL_STATE_REJECTED:
      return "rejected";
    case v1::REFERRAL_STATE_IN_PROGRESS:
      return "in_progress";
    case v1::REFERRAL_STATE_COMPLETED:
      return "completed";
    case v1::REFERRAL_STATE_CANCELLED:
      return "cancelled";
    default:
      return "unspecified";
  }
}

absl::string_view ReferralTypeName(ReferralType type) {
  switch (type) {
    case v1::REFERRAL_TYPE_PLACEMENT:
      return "placement";
    case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
      return "legal_counsel";
    case v1::REFERRAL_TYPE_ASSISTED_RETURN:
      return "assisted_return";
    case v1::REFERRAL_TYPE_ASSISTANCE:
      return "assistance";
    default:
      return "unspecified";
  }
}

ReferralSide SideThatMovesTo(ReferralState target) {
  return target == v1::REFERRAL_STATE_CANCELLED ? ReferralSide::kSender
                                                : ReferralSide::kRecipient;
}

absl::Status CheckTransition(ReferralState from, ReferralState to) {
  for (const auto& [f, t] : kSteps) {
    if (f == from && t == to) return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      absl::StrCat("referral is ", ReferralStateName(from),
                   "; it cannot move to ", ReferralStateName(to)));
}

bool IsTerminal(ReferralState state) {
  return state == v1::REFERRAL_STATE_REJECTED ||
         state == v1::REFERRAL_STATE_COMPLETED ||
         state == v1::REFERRAL_STATE_CANCELLED;
}

}  // namespace rosa
