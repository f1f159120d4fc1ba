// Checks the shape of referral API requests before the hub acts on them:
// required fields, formats, ranges and known enum values, as the field
// comments in proto/rosa/hub/v1/referral_service.proto and person_facts.proto
// state them. It does not look anything up: who may do what, and which state
// changes are legal, are the referral core's business.
//
// Every error is INVALID_ARGUMENT with a message "<field path>: <reason>"
// about the first bad field in declaration order, for example
// `facts.nationality: must be an ISO 3166-1 alpha-2 code such as "RO", or
// empty when unknown`. A message never repeats the value of a free-text or
// personal field (note, reason, person_ref, age, ...): only field paths, enum
// numbers and names, and limits.
//
// Thread-safe: pure functions.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_VALIDATOR_H_
#define ROSA_HUB_REFERRAL_REFERRAL_VALIDATOR_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hub/common/request_formats.h"
#include "rosa/hub/v1/person_facts.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

// Validates a SubmitReferralRequest. The adults-only rule is not checked
// here (an age from 1 to 17 passes): the core calls CheckAdultsOnly.
absl::Status ValidateSubmitReferral(
    const rosa::hub::v1::SubmitReferralRequest& request);

// Validates an UpdateReferralStatusRequest. `now` is the hub's current time:
// occurred_at may be at most five minutes after it, for clock skew.
absl::Status ValidateUpdateReferralStatus(
    const rosa::hub::v1::UpdateReferralStatusRequest& request, absl::Time now);

absl::Status ValidateGetReferral(
    const rosa::hub::v1::GetReferralRequest& request);

// Validates the filters and page size. The page token's content is checked
// where it is decoded; only its length is limited here.
absl::Status ValidateListReferrals(
    const rosa::hub::v1::ListReferralsRequest& request);

// FAILED_PRECONDITION when the person is under 18 or may be a minor (an age
// of 0, i.e. missing, counts as under 18): the hub takes adults only, and the
// message says whom to contact instead. The message holds no personal data.
absl::Status CheckAdultsOnly(const rosa::hub::v1::PersonFacts& facts);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_VALIDATOR_H_
