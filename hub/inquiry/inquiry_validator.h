// Checks the shape of hotline inquiry requests before the hub records or
// lists anything: required fields, ranges, codes and known enum values, as
// proto/rosa/hub/v1/inquiry.proto states them. It looks nothing up: who may
// record or read inquiries is the desk's business.
//
// Every error is INVALID_ARGUMENT with a message "<field path>: <reason>"
// about the first bad field, the path as seen from the request, for
// example `inquiry.victims.persons: must be 1 to 500`. A message never
// repeats a value from the request: only field paths, limits and enum
// numbers.
//
// Thread-safe: pure functions.
#ifndef ROSA_HUB_INQUIRY_INQUIRY_VALIDATOR_H_
#define ROSA_HUB_INQUIRY_INQUIRY_VALIDATOR_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "rosa/hub/v1/inquiry.pb.h"
#include "rosa/hub/v1/inquiry_service.pb.h"

namespace rosa {

// Most persons one call can be about (one call reported 35 workers; 500
// leaves room for a large workplace and catches a typo'd count).
inline constexpr uint32_t kMaxInquiryPersons = 500;
inline constexpr uint32_t kMaxAccompanyingMinors = 500;

// The inquiry as a partner describes it, at the hub's time `now`:
//   occurred_at  required; within the history window
//                (hub/common/history_window.h: up to 20 years back, not in
//                the future);
//   caller       required (CallerType, not UNSPECIFIED);
//   topic        required (InquiryTopic, not UNSPECIFIED);
//   victims      present exactly when topic is POSSIBLE_VICTIM, and then
//                persons 1 to 500, gender required, nationality empty or
//                an ISO 3166-1 alpha-2 code, exploitation_form required,
//                accompanying_minors at most 500 if set, outcome a known
//                value (may be unset);
//   first_time   free (unset: not known);
//   person_id    empty or a person id (whether it exists, and whether the
//                caller may name persons, is the desk's business);
//   id, recorded_by, recorded_at  empty: the hub sets them.
// `field` is the path to the inquiry in the request ("inquiry").
absl::Status ValidateInquiry(std::string_view field,
                             const rosa::hub::v1::HotlineInquiry& inquiry,
                             absl::Time now);

// A RecordInquiryRequest: the idempotency key, if set, is 1 to 128
// printable ASCII characters (an RPC caller must set one; a partner
// payload applied by the gateway may leave it empty), and the inquiry is
// present and valid (ValidateInquiry).
absl::Status ValidateRecordInquiry(
    const rosa::hub::v1::RecordInquiryRequest& request, absl::Time now);

// page_size 0 to 500, page_token at most 256 bytes (its content is checked
// where it is decoded), occurred_since a valid timestamp if set.
absl::Status ValidateListInquiries(
    const rosa::hub::v1::ListInquiriesRequest& request);

}  // namespace rosa

#endif  // ROSA_HUB_INQUIRY_INQUIRY_VALIDATOR_H_
