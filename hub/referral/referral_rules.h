// The rules of the field that decide whether a referral may be made at all,
// before anything is written: adults only (a minor goes to child welfare,
// see CheckAdultsOnly in referral_validator.h), and whom a placement
// recipient takes (Safe House Filemon men only, Lauras hus women only, as
// the registry's admits_genders says).
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_RULES_H_
#define ROSA_HUB_REFERRAL_REFERRAL_RULES_H_

#include "absl/status/status.h"
#include "hub/partner/partner.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

// FAILED_PRECONDITION naming the recipient and whom it takes, when a
// placement referral concerns a person of a gender it does not take.
absl::Status CheckRecipientAdmits(
    const Partner& recipient,
    const rosa::hub::v1::SubmitReferralRequest& request);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_RULES_H_
