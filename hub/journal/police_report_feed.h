// A lawyer's report_filed handoff event feeds ROSA's journal: the handoff
// desk calls RecordFiledPoliceReport in the event's transaction, so the
// police report is recorded exactly once with the event (a replayed event
// replays the answer and writes nothing).
// Thread-safety: on the writer thread, inside a write transaction.
#ifndef ROSA_HUB_JOURNAL_POLICE_REPORT_FEED_H_
#define ROSA_HUB_JOURNAL_POLICE_REPORT_FEED_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/journal.pb.h"

namespace rosa {

// The lawyer's free-text offence ("trafficking", "menneskehandel",
// "robbery", ...; case and surrounding spaces ignored) as the report's
// offence; anything else is OFFENCE_OTHER.
rosa::hub::v1::Offence OffenceFromText(std::string_view text);

// Writes a PoliceReport journal record about `person_id`, recorded by
// `lawyer`, occurred at `occurred`, and its "journal.record" audit entry.
// REQUIRES: inside a write transaction; the person registered.
absl::Status RecordFiledPoliceReport(store::Connection& conn,
                                     const std::string& person_id,
                                     const std::string& lawyer,
                                     std::string_view offence_text,
                                     absl::Time occurred, absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_JOURNAL_POLICE_REPORT_FEED_H_
