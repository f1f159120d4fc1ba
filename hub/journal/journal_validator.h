// Checks the shape of journal requests before the hub records anything:
// required fields, ranges and known enum values, as
// proto/rosa/hub/v1/journal.proto states them. It looks nothing up (whether
// the person, the facility or the police report exists is the desk's
// business).
//
// Every error is INVALID_ARGUMENT "<record>.<field>: <reason>" about the
// first bad field, the path as seen from the request, for example
// `record.stay.nights: must be 1 to 3660`. A message never repeats a value.
//
// Thread-safe: pure functions.
#ifndef ROSA_HUB_JOURNAL_JOURNAL_VALIDATOR_H_
#define ROSA_HUB_JOURNAL_JOURNAL_VALIDATOR_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "rosa/hub/v1/journal_service.pb.h"

namespace rosa {

// Ten years of nights: a longer stay is a typo.
inline constexpr uint32_t kMaxStayNights = 3660;
// A place's or host's name.
inline constexpr std::size_t kMaxPlaceNameChars = 100;

// The record as ROSA describes it, at the hub's time `now`: person_id a
// person id; occurred_at within the history window
// (hub/common/history_window.h); exactly one entry, each as journal.proto
// says; id, recorded_at and recorded_by empty. `field` is the path to the
// record in the request ("record").
absl::Status ValidateJournalRecord(std::string_view field,
                                   const rosa::hub::v1::JournalRecord& record,
                                   absl::Time now);

// Only record.person_id's shape ("record.person_id: ..."), checked before
// anything else so that no answer echoes anything but a person id.
absl::Status ValidateJournalPersonId(
    const rosa::hub::v1::RecordJournalEntryRequest& request);

// The idempotency key (required), then the record.
absl::Status ValidateRecordJournalEntry(
    const rosa::hub::v1::RecordJournalEntryRequest& request, absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_JOURNAL_JOURNAL_VALIDATOR_H_
