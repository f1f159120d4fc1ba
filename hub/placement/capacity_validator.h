// Checks the shape of placement API requests before the hub acts on them:
// required fields, ranges, known enum values and text limits, as the field
// comments in proto/rosa/hub/v1/placement.proto and placement_service.proto
// state them. It looks nothing up: which facilities a partner may report
// for, and whether a place is free, are the placement desk's business.
//
// Every error is INVALID_ARGUMENT with a message "<field path>: <reason>"
// about the first bad field, for example
// `units[2].free: must be at most capacity (8)`. Messages repeat figures and
// limits, never a unit name or a region the caller wrote.
//
// Thread-safe: pure functions.
#ifndef ROSA_HUB_PLACEMENT_CAPACITY_VALIDATOR_H_
#define ROSA_HUB_PLACEMENT_CAPACITY_VALIDATOR_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "rosa/hub/v1/placement_service.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

// Most units in one ReportCapacity.
inline constexpr int kMaxUnitsPerReport = 200;
// Longest unit name, in code points.
inline constexpr size_t kMaxUnitNameChars = 80;
// Most places a unit may have.
inline constexpr uint32_t kMaxUnitCapacity = 500;

// Validates a report. `now` is the hub's current time: as_of may be at most
// five minutes after it, for clock skew. The idempotency key is checked
// only when set (the RPC requires one; see PlacementDesk::ReportCapacity).
absl::Status ValidateReportCapacity(
    const rosa::hub::v1::ReportCapacityRequest& request, absl::Time now);

absl::Status ValidateListAvailability(
    const rosa::hub::v1::ListAvailabilityRequest& request);

absl::Status ValidateFindPlaces(
    const rosa::hub::v1::FindPlacesRequest& request);

absl::Status ValidateGetHold(const rosa::hub::v1::GetHoldRequest& request);

// Validates SubmitReferralRequest.hold; `field` is its path ("hold").
absl::Status ValidateHoldPlace(std::string_view field,
                               const rosa::hub::v1::HoldPlace& hold);

// 1 to 80 code points of valid UTF-8, not blank, no control characters.
bool IsValidUnitName(std::string_view name);

}  // namespace rosa

#endif  // ROSA_HUB_PLACEMENT_CAPACITY_VALIDATOR_H_
