// The referral desk: the core's commands and queries on referrals, shared by
// every way in (the native gRPC API today, partner plugins later). It
// validates, applies the rules of the field, decides visibility and who may
// act, and writes each change together with its outbox events and its
// idempotency record in one durable transaction.
//
// The asynchronous methods work on the store's writer or reader threads,
// and call `done` there exactly once, after the data is durable (for
// writes). `done` must not block. The Apply* methods are the same commands
// inside a write operation the caller runs (the partner gateway applies a
// payload's commands in one transaction); they never block.
//
// A placement referral from ROSA may hold a place (SubmitReferralRequest.
// hold); the placement desk checks and records the hold in the submission's
// own transaction, and each later step claims or releases it.
//
// Thread-safety: safe to call from any thread.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_DESK_H_
#define ROSA_HUB_REFERRAL_REFERRAL_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_vault.h"
#include "hub/placement/placement_desk.h"
#include "hub/store/database.h"
#include "hub/store/idempotency.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

class ReferralDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // REQUIRES: every pointer outlives the desk. Without a placement desk,
  // a request to hold a place is refused (FAILED_PRECONDITION).
  ReferralDesk(const PartnerRegistry* registry, store::Database* db,
               Outbox* outbox, PersonVault* vault, const Clock* clock,
               PlacementDesk* placement = nullptr);

  // `caller` must be a registered, enabled partner (the server checks the
  // certificate against the registry before calling). Who may send which
  // type to whom is the table in submit_rights.h; a refusal is
  // PERMISSION_DENIED, decided before anything about the person is looked
  // up, and audited ("referral.submit.denied") before it is answered.
  void Submit(const Partner& caller,
              const rosa::hub::v1::SubmitReferralRequest& request,
              absl::Time deadline,
              Done<rosa::hub::v1::SubmitReferralResponse> done);
  void UpdateStatus(const Partner& caller,
                    const rosa::hub::v1::UpdateReferralStatusRequest& request,
                    absl::Time deadline, Done<rosa::hub::v1::Referral> done);
  // IOM (the recipient) records an assisted-return status.
  void UpdateAssistedReturn(
      const Partner& caller,
      const rosa::hub::v1::UpdateAssistedReturnRequest& request,
      absl::Time deadline, Done<rosa::hub::v1::Referral> done);

  // UpdateStatus and UpdateAssistedReturn inside the caller's write
  // operation: validate, check who may act, apply, append the events, and
  // record the answer under request.idempotency_key when it is set (a
  // replay returns the recorded answer and writes nothing). An error
  // leaves the caller to roll back the operation.
  absl::StatusOr<rosa::hub::v1::Referral> ApplyUpdateStatus(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::UpdateReferralStatusRequest& request);
  absl::StatusOr<rosa::hub::v1::Referral> ApplyUpdateAssistedReturn(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::UpdateAssistedReturnRequest& request);
  // The caller's view (see referral_view.h). The recipient of a legal-counsel
  // or assisted-return referral also gets the identity its consent covers;
  // that read is audited before it is answered.
  void Get(const Partner& caller,
           const rosa::hub::v1::GetReferralRequest& request,
           Done<rosa::hub::v1::Referral> done);
  void List(const Partner& caller,
            const rosa::hub::v1::ListReferralsRequest& request,
            Done<rosa::hub::v1::ListReferralsResponse> done);

 private:
  // The recipient as the registry has it now, looked up once: a reload may
  // disable it at any moment, and the pointer stays valid (see
  // PartnerRegistry).
  absl::StatusOr<const Partner*> CheckRecipient(
      const Partner& caller, const rosa::hub::v1::SubmitReferralRequest& r);
  // The hold a submission asks for, before anything is looked up.
  absl::Status CheckHold(const Partner& caller,
                         const rosa::hub::v1::SubmitReferralRequest& r) const;
  // Legal-counsel and assisted-return referrals need a registered person
  // and a live consent covering the recipient and the purpose.
  absl::Status CheckIdentityConsent(
      store::Connection& conn, const Partner& recipient,
      const rosa::hub::v1::SubmitReferralRequest& request);
  // Sets referral.facility when an accepting recipient names one of its
  // facilities; a secret address stays in the registry.
  absl::Status PlaceAtFacility(
      const Partner& caller,
      const rosa::hub::v1::UpdateReferralStatusRequest& request,
      rosa::hub::v1::Referral& referral);
  // `done`, except that a PERMISSION_DENIED answer is first audited
  // (internal::AuditSubmitRefusal) in a write operation of its own, and
  // answered only once that entry is committed.
  Done<rosa::hub::v1::SubmitReferralResponse> AuditRefusals(
      const Partner& caller,
      const rosa::hub::v1::SubmitReferralRequest& request,
      Done<rosa::hub::v1::SubmitReferralResponse> done);
  // Records the child-welfare alert, then answers FAILED_PRECONDITION; the
  // refusal is recorded under the request's idempotency key.
  void RefuseMinor(const Partner& caller,
                   const rosa::hub::v1::SubmitReferralRequest& request,
                   absl::Time deadline,
                   Done<rosa::hub::v1::SubmitReferralResponse> done);
  void GetWithIdentity(const Partner& caller, const std::string& id,
                       Done<rosa::hub::v1::Referral> done);
  // Appends the event about `referral` to the outbox of everyone who must
  // hear of it, each copy minimised for its reader.
  absl::Status Publish(store::WriteTxn& txn,
                       const rosa::hub::v1::Referral& referral,
                       rosa::hub::v1::ReferralEvent::Kind kind, absl::Time now);

  const PartnerRegistry* registry_;
  store::Database* db_;
  Outbox* outbox_;
  PersonVault* vault_;
  const Clock* clock_;
  PlacementDesk* placement_;  // May be null.
};

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_DESK_H_
