// Journal rows in SQLite (table `journal_records`): the full JournalRecord
// as a blob, plus the columns the person's journal and the annual report
// filter on (person, kind = the entry's field number, occurred_at). Knows
// nothing of who may see what.
// Thread-safety: functions take the calling thread's connection; writes run
// inside a write transaction on the store's writer thread.
#ifndef ROSA_HUB_JOURNAL_JOURNAL_STORE_H_
#define ROSA_HUB_JOURNAL_JOURNAL_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/journal.pb.h"

namespace rosa {

// The next id for a record written in `year` (Oslo): "J-2026-000001".
// REQUIRES: inside a write transaction.
absl::StatusOr<std::string> AllocateJournalId(store::Connection& conn,
                                              int year);

// REQUIRES: inside a write transaction; id, person_id, occurred_at,
// recorded_at and an entry set.
absl::Status InsertJournalRecord(store::Connection& conn,
                                 const rosa::hub::v1::JournalRecord& record);

// nullopt if there is no record with that id.
absl::StatusOr<std::optional<rosa::hub::v1::JournalRecord>> LoadJournalRecord(
    store::Connection& conn, const std::string& id);

// The person's records, oldest occurred_at first (then in recording order).
absl::StatusOr<std::vector<rosa::hub::v1::JournalRecord>> PersonJournal(
    store::Connection& conn, const std::string& person_id);

}  // namespace rosa

#endif  // ROSA_HUB_JOURNAL_JOURNAL_STORE_H_
