// A person's residence-status history (PersonProfile.residence_history):
// entries take effect at effective_at (a journal ResidenceStatusChanged)
// or, for the status given at registration, when recorded. One home for
// "which status was in effect when", used by the journal desk (to keep the
// profile's current status) and the annual report (at intake, at
// 31 December).
// Thread-safe: pure functions.
#ifndef ROSA_HUB_JOURNAL_RESIDENCE_HISTORY_H_
#define ROSA_HUB_JOURNAL_RESIDENCE_HISTORY_H_

#include "absl/time/time.h"
#include "rosa/hub/v1/journal.pb.h"
#include "rosa/hub/v1/person.pb.h"

namespace rosa {

// When `change` took effect.
absl::Time EffectiveAt(const rosa::hub::v1::ResidenceStatusChange& change);

// Inserts the record's status change into the history, kept in order of
// effect (a change with the same effect as an earlier entry goes after
// it), and sets the profile's residence_status to the latest in effect.
// REQUIRES: record.has_residence_status(), recorded_at and recorded_by set.
void AddResidenceChange(const rosa::hub::v1::JournalRecord& record,
                        rosa::hub::v1::PersonProfile& profile);

// The status in effect at `t`: the latest entry whose effect is at or
// before `t` (UNSPECIFIED when none is).
rosa::hub::v1::ResidenceStatus ResidenceStatusAt(
    const rosa::hub::v1::PersonProfile& profile, absl::Time t);

}  // namespace rosa

#endif  // ROSA_HUB_JOURNAL_RESIDENCE_HISTORY_H_
