// The handoff desk: the core's commands and queries on lawyer handoffs,
// shared by every way in (the native gRPC API, the advokat/1 plugin later).
//
// A coordinator (ROSA) hands a registered person's case to an enabled
// legal_counsel partner, and only under a live consent that covers that
// lawyer (by id or kind) and legal counselling; the lawyer reports events
// (handoff_ledger.h). A lawyer sees only its own handoffs: any other id is
// NOT_FOUND with the same words as one that does not exist. Coordinators
// see every handoff with its hours ledger, never the person's identity.
//
// Identity is never stored with a handoff (nor in events or idempotency
// records), and its free text (case summary, ledger texts) only sealed under
// the person's data key (text_vault.h, free_text.h; events and idempotency
// records hold it by reference): the
// desk decrypts identity from the person vault only when it renders
// a handoff for its lawyer, re-checks the consent each time, and appends a
// "person.read" audit entry that commits before the identity is returned.
// A declined or closed handoff no longer carries identity. Every change is
// written with its audit entry, outbox events (HandoffChangedEvent, without
// identity, to the lawyer and the coordinators) and idempotency record in
// one durable transaction.
//
// Every method but ApplyRecordEvent is asynchronous: work runs on the
// store's writer or reader threads, and `done` is called there exactly
// once, after the data is durable (for writes and for reads that return
// identity). `done` must not block. ApplyRecordEvent runs inside a write
// operation the caller (the partner gateway) is already running.
//
// Thread-safety: safe to call from any thread.
#ifndef ROSA_HUB_HANDOFF_HANDOFF_DESK_H_
#define ROSA_HUB_HANDOFF_HANDOFF_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_vault.h"
#include "hub/store/database.h"
#include "hub/store/group_commit_writer.h"
#include "rosa/hub/v1/handoff_service.pb.h"

namespace rosa {

class HandoffDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // REQUIRES: every pointer outlives the desk.
  HandoffDesk(const PartnerRegistry* registry, store::Database* db,
              Outbox* outbox, PersonVault* vault, const Clock* clock);

  // `caller` must be a registered, enabled partner (the server checks the
  // certificate against the registry before calling). Only a coordinator
  // may create; the answer (the coordinator's view) has no identity.
  void Create(const Partner& caller,
              const rosa::hub::v1::CreateHandoffRequest& request,
              absl::Time deadline, Done<rosa::hub::v1::Handoff> done);
  // Records the lawyer's event inside the running write operation `txn`:
  // validates the request (ValidateRecordHandoffEventCommand: the same
  // checks as RecordEvent's, but the idempotency key may be empty), finds
  // the handoff (NOT_FOUND for one the caller may not see), lets only its
  // lawyer, registered and enabled, record (else PERMISSION_DENIED),
  // applies the event to the state and hours ledger (FAILED_PRECONDITION
  // when the state or the budget does not allow it), and writes the handoff
  // with its audit entry ("handoff.event") and its events to the lawyer and
  // the coordinators. With an idempotency key, a repeat of the request
  // returns the first answer and writes nothing (the same key with another
  // request is ALREADY_EXISTS); without one, the event is applied each time.
  // On error nothing of it is written (the caller's operation fails with
  // it). The answer has no identity. Never blocks, never calls the writer.
  // REQUIRES: on the writer thread, inside `txn`.
  absl::StatusOr<rosa::hub::v1::Handoff> ApplyRecordEvent(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::RecordHandoffEventRequest& request);

  // The RPC: requires an idempotency key, then runs ApplyRecordEvent as one
  // write operation of its own. Only the handoff's lawyer may record
  // events. The answer has no identity: the lawyer reads it with Get.
  void RecordEvent(const Partner& caller,
                   const rosa::hub::v1::RecordHandoffEventRequest& request,
                   absl::Time deadline, Done<rosa::hub::v1::Handoff> done);
  void Get(const Partner& caller,
           const rosa::hub::v1::GetHandoffRequest& request, absl::Time deadline,
           Done<rosa::hub::v1::Handoff> done);
  void List(const Partner& caller,
            const rosa::hub::v1::ListHandoffsRequest& request,
            absl::Time deadline,
            Done<rosa::hub::v1::ListHandoffsResponse> done);

 private:
  // Adds identity to `handoff` if `lawyer` may see it now, and audits the
  // read. REQUIRES: inside a write transaction; handoff.lawyer() == lawyer.
  absl::Status AddIdentityForLawyer(store::WriteTxn& txn, const Partner& lawyer,
                                    rosa::hub::v1::Handoff& handoff,
                                    absl::Time now);
  // Appends the event about `handoff` to the outbox of its lawyer and of
  // every coordinator.
  absl::Status Publish(store::WriteTxn& txn,
                       const rosa::hub::v1::Handoff& handoff, absl::Time now);

  const PartnerRegistry* registry_;
  store::Database* db_;
  Outbox* outbox_;
  PersonVault* vault_;
  const Clock* clock_;
};

}  // namespace rosa

#endif  // ROSA_HUB_HANDOFF_HANDOFF_DESK_H_
