// The rules of a lawyer handoff, without storage: the shape of the requests,
// the state machine and the hours ledger.
//
//   offered  --accepted-->  accepted  --closed(summary)-->  closed
//   offered  --declined(reason)-->  declined
//   accepted --hours_used | extension_granted | report_filed |
//              application_submitted-->  accepted
//
// Hours are whole quarter hours. The free counselling budget is 12 quarter
// hours (3 hours); each extension_granted adds to the granted total, and the
// running total of hours_used may never pass it.
//
// Errors are INVALID_ARGUMENT ("<field>: <reason>") for a malformed request
// and FAILED_PRECONDITION for a step the handoff's state or budget does not
// allow. A message never repeats a free-text value (reason, offence,
// summary, case summary): only field names, limits, states and hours.
//
// Thread-safety: pure functions.
#ifndef ROSA_HUB_HANDOFF_HANDOFF_LEDGER_H_
#define ROSA_HUB_HANDOFF_HANDOFF_LEDGER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "rosa/hub/v1/handoff_service.pb.h"

namespace rosa {

// The free legal counselling every presumed victim has: 3 hours.
inline constexpr uint32_t kDefaultGrantedQuarterHours = 12;
// One hours_used entry: 1 to 48 quarter hours (0.25 to 12 hours).
inline constexpr uint32_t kMaxHoursUsedQuarterHours = 48;
// One extension: 1 to 80 quarter hours.
inline constexpr uint32_t kMaxExtensionQuarterHours = 80;
inline constexpr std::size_t kMaxCaseSummaryChars = 2000;
inline constexpr std::size_t kMaxDeclineReasonChars = 500;
inline constexpr std::size_t kMaxOffenceChars = 100;
inline constexpr std::size_t kMaxClosingSummaryChars = 2000;

// "P-" then 1 to 32 ASCII letters or digits.
bool IsValidPersonId(std::string_view id);

// The shape of a CreateHandoffRequest: idempotency key, lawyer id format,
// person id format, case summary length, exploitation form, purposes (at
// least one, known, no repeats) and granted hours (0 for the default, at
// most the default: more only through extension_granted). Whether the
// lawyer and person exist is the desk's business.
absl::Status ValidateCreateHandoff(
    const rosa::hub::v1::CreateHandoffRequest& request);

absl::Status ValidateGetHandoff(
    const rosa::hub::v1::GetHandoffRequest& request);

// page_size 0 to 500; the token is checked where it is decoded.
absl::Status ValidateListHandoffs(
    const rosa::hub::v1::ListHandoffsRequest& request);

// The shape of a RecordHandoffEventRequest, including the event's own
// fields (ValidateHandoffEvent). `now` is the hub's time: occurred_at may be
// at most five minutes after it. The idempotency key is required: this is
// the RPC's check.
absl::Status ValidateRecordHandoffEvent(
    const rosa::hub::v1::RecordHandoffEventRequest& request, absl::Time now);

// The same checks for the request as a command inside a transaction
// (HandoffDesk::ApplyRecordEvent), where the idempotency key may be empty
// (the command is then applied without an idempotency record); a key that
// is set must still be well-formed.
absl::Status ValidateRecordHandoffEventCommand(
    const rosa::hub::v1::RecordHandoffEventRequest& request, absl::Time now);

// The event's own fields: exactly one kind; reason required (at most 500
// characters); hours_used 1 to 48 quarter hours; extension 1 to 80 quarter
// hours; offence required (at most 100 characters); application kind
// known and set; summary required (at most 2000 characters).
absl::Status ValidateHandoffEvent(const rosa::hub::v1::HandoffEvent& event);

// Applies a valid event to `handoff`: moves its state or adds to its hours.
// FAILED_PRECONDITION if the handoff's state does not allow the event, or
// if hours_used would take the running total past the granted hours (the
// message states the hours used and granted). On error `handoff` is
// unchanged. The caller appends the ledger entry and sets updated_at.
// REQUIRES: ValidateHandoffEvent(event) is OK.
absl::Status ApplyHandoffEvent(rosa::hub::v1::Handoff& handoff,
                               const rosa::hub::v1::HandoffEvent& event);

// "offered", "accepted", "declined", "closed".
std::string HandoffStateName(rosa::hub::v1::HandoffState state);
// "accepted", "declined", "hours_used", ... as in advokat/1; "none" if
// unset.
std::string HandoffEventName(const rosa::hub::v1::HandoffEvent& event);
// Quarter hours as hours: 13 -> "3.25", 12 -> "3", 2 -> "0.5".
std::string FormatQuarterHours(uint64_t quarter_hours);

}  // namespace rosa

#endif  // ROSA_HUB_HANDOFF_HANDOFF_LEDGER_H_
