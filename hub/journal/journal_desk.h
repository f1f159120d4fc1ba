// The journal desk: ROSA's journal of a registered person (assistance,
// follow-up contacts, stays, residence status, police reports, children,
// activities; proto/rosa/hub/v1/journal.proto). Only a coordinator (ROSA)
// records or reads it; for every other partner each person is NOT_FOUND,
// exactly as the person desk answers, so nobody learns whether a person
// exists.
//
// Every write leaves a "journal.record" audit entry and every read a
// "journal.read" entry naming the person, in the same transaction as the
// data (a read answers only after its entry is durable). A residence
// status change is also appended to the person's residence history, and
// the profile's current status becomes the latest one in effect. Erasing
// the person removes its journal (PersonVault::Shred).
//
// Thread-safety: safe to call from any thread. ApplyRecord runs on the
// writer thread inside the caller's write operation; the asynchronous
// methods call `done` exactly once on the writer thread after the commit.
#ifndef ROSA_HUB_JOURNAL_JOURNAL_DESK_H_
#define ROSA_HUB_JOURNAL_JOURNAL_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_vault.h"
#include "hub/store/database.h"
#include "hub/store/group_commit_writer.h"
#include "rosa/hub/v1/journal_service.pb.h"

namespace rosa {

class JournalDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // REQUIRES: every pointer outlives the desk.
  JournalDesk(const PartnerRegistry* registry, store::Database* db,
              PersonVault* vault, const Clock* clock);

  // Records one entry inside the running write operation `txn`: the caller
  // must be an enabled coordinator and the person registered (else
  // NOT_FOUND "person <id> not found"); the request valid
  // (ValidateRecordJournalEntry); a stay's facility_id a facility in the
  // registry and a status change's report_id a police report of the same
  // person (else NOT_FOUND naming the field); occurred_at not in a year
  // before the person turns kAdultAge by birth year (else
  // FAILED_PRECONDITION "record.occurred_at: ..."; a person is assisted
  // only as an adult). Idempotent by key.
  // REQUIRES: on the writer thread, inside `txn`.
  absl::StatusOr<rosa::hub::v1::JournalRecord> ApplyRecord(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::RecordJournalEntryRequest& request);

  // The RPC: ApplyRecord as one write operation of its own.
  void Record(const Partner& caller,
              const rosa::hub::v1::RecordJournalEntryRequest& request,
              absl::Time deadline, Done<rosa::hub::v1::JournalRecord> done);

  // The person's journal, audited as a read.
  void List(const Partner& caller,
            const rosa::hub::v1::ListJournalRequest& request,
            absl::Time deadline, Done<rosa::hub::v1::ListJournalResponse> done);

 private:
  // Checks what needs the store: the person (and its age at occurred_at),
  // the facility, the report.
  absl::Status CheckReferences(store::Connection& conn,
                               const rosa::hub::v1::JournalRecord& record);

  const PartnerRegistry* registry_;
  store::Database* db_;
  PersonVault* vault_;
  const Clock* clock_;
};

}  // namespace rosa

#endif  // ROSA_HUB_JOURNAL_JOURNAL_DESK_H_
