// IOM's assisted-return statuses on a referral: validation of an update
// (ISO dates, departure date required from TRAVEL_BOOKED on, destination an
// ISO 3166 code) and the rule that only the recipient IOM partner records
// them, once it has accepted the referral.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REFERRAL_ASSISTED_RETURN_H_
#define ROSA_HUB_REFERRAL_ASSISTED_RETURN_H_

#include "absl/status/status.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

// INVALID_ARGUMENT naming the field for a malformed request.
absl::Status ValidateUpdateAssistedReturn(
    const rosa::hub::v1::UpdateAssistedReturnRequest& request);

// FAILED_PRECONDITION unless `referral` is an assisted-return referral in
// state accepted or in_progress.
absl::Status CheckAssistedReturnApplies(
    const rosa::hub::v1::Referral& referral);

// True for "YYYY-MM-DD" naming a real calendar date.
bool IsIsoDate(const std::string& text);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_ASSISTED_RETURN_H_
