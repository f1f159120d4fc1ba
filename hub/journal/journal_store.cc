#include "hub/journal/journal_store.h"

#include <utility>

#include "common/hub_ids.h"
#include "hub/common/status_macros.h"
#include "common/time_util.h"
#include "hub/store/id_counter.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::StatusOr<std::string> AllocateJournalId(store::Connection& conn,
                                              int year) {
  return store::AllocateYearlyId(conn, "journal", ids::kJournalPrefix, year);
}

namespace {

absl::StatusOr<v1::JournalRecord> ParseRecord(const std::string& blob) {
  v1::JournalRecord record;
  if (!record.ParseFromString(blob)) {
    return absl::DataLossError("a stored journal record does not parse");
  }
  return record;
}

}  // namespace

absl::Status InsertJournalRecord(store::Connection& conn,
                                 const v1::JournalRecord& record) {
  if (record.id().empty() || record.person_id().empty() ||
      !record.has_occurred_at() || !record.has_recorded_at() ||
      record.entry_case() == v1::JournalRecord::ENTRY_NOT_SET) {
    return absl::InternalError(
        "a journal record is stored only with its id, person, times and "
        "entry");
  }
  ASSIGN_OR_RETURN(
      auto stmt, conn.Prepare("INSERT INTO journal_records(id, person_id, kind,"
                              " occurred_us, recorded_us, body)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  stmt->Bind(1, record.id())
      .Bind(2, record.person_id())
      .Bind(3, int64_t{record.entry_case()})
      .Bind(4, ToUnixMicrosStored(FromProtoTime(record.occurred_at())))
      .Bind(5, ToUnixMicrosStored(FromProtoTime(record.recorded_at())))
      .BindBlob(6, record.SerializeAsString());
  RETURN_IF_ERROR(stmt->Run());
  if (conn.changes() != 1) {
    return absl::InternalError("journal row was not written");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::JournalRecord>> LoadJournalRecord(
    store::Connection& conn, const std::string& id) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT body FROM journal_records"
                                           " WHERE id = ?1"));
  stmt->Bind(1, id);
  ASSIGN_OR_RETURN(bool found, stmt->Step());
  if (!found) return std::nullopt;
  return ParseRecord(stmt->ColumnBlob(0));
}

absl::StatusOr<std::vector<v1::JournalRecord>> PersonJournal(
    store::Connection& conn, const std::string& person_id) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT body FROM journal_records"
                                           " WHERE person_id = ?1"
                                           " ORDER BY occurred_us, seq"));
  stmt->Bind(1, person_id);
  std::vector<v1::JournalRecord> records;
  for (;;) {
    ASSIGN_OR_RETURN(bool found, stmt->Step());
    if (!found) break;
    ASSIGN_OR_RETURN(v1::JournalRecord record,
                     ParseRecord(stmt->ColumnBlob(0)));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace rosa
