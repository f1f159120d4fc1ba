// ReferralDesk's refusals of a submission: each is audited in a write of its
// own before it is answered (AuditRefusals), and a minor's is recorded as a
// child-welfare alert under the request's idempotency key (RefuseMinor).
#include <utility>

#include "hub/common/status_macros.h"
#include "hub/person/child_welfare.h"
#include "hub/referral/referral_desk.h"
#include "hub/referral/referral_desk_internal.h"
#include "hub/referral/referral_validator.h"
#include "hub/referral/submit_rights.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

ReferralDesk::Done<v1::SubmitReferralResponse> ReferralDesk::AuditRefusals(
    const Partner& caller, const v1::SubmitReferralRequest& request,
    Done<v1::SubmitReferralResponse> done) {
  const audit::Actor actor = audit::ActorOf(caller);
  return [this, actor, request, done = std::move(done)](
             absl::StatusOr<v1::SubmitReferralResponse> result) {
    const absl::StatusCode code = result.status().code();
    // A sender the table refuses; or any other refusal of a well-formed
    // request, which named a person: no consent (FAILED_PRECONDITION), a
    // recipient or hold it may not have (INVALID_ARGUMENT after the
    // request's own checks passed). A malformed request named no person.
    const bool audited =
        code == absl::StatusCode::kPermissionDenied ||
        ((code == absl::StatusCode::kFailedPrecondition ||
          code == absl::StatusCode::kInvalidArgument) &&
         !request.person_ref().empty() && ValidateSubmitReferral(request).ok());
    if (!audited) {
      done(std::move(result));
      return;
    }
    // In an operation of its own, since the refused submission wrote
    // nothing; without a deadline, so that a caller who gives up cannot
    // make the attempt invisible.
    const bool recipient_registered =
        registry_->Find(request.recipient()) != nullptr;
    db_->writer().Submit(
        store::WriteOp{[this, actor, request, recipient_registered,
                        code](store::WriteTxn& txn) {
                         return internal::AuditSubmitRefusal(
                             txn.conn(), actor, request, recipient_registered,
                             code == absl::StatusCode::kPermissionDenied
                                 ? kSubmitDeniedAction
                                 : kSubmitRefusedAction,
                             clock_->Now());
                       },
                       [done, refusal = result.status()](absl::Status status) {
                         done(status.ok() ? refusal : status);
                       },
                       absl::InfiniteFuture()});
  };
}

void ReferralDesk::RefuseMinor(const Partner& caller,
                               const v1::SubmitReferralRequest& request,
                               absl::Time deadline,
                               Done<v1::SubmitReferralResponse> done) {
  // The alert is committed although the referral is refused: child welfare
  // must hear of the attempt. The refusal is recorded under the key as an
  // answer without a referral, so that a retry gets the same refusal and
  // records no second alert, and the key serves no other request.
  store::SubmitIdempotent<v1::SubmitReferralResponse>(
      db_->writer(),
      store::IdempotencyKey{caller.id, request.idempotency_key(),
                            "SubmitReferral", db_->RequestHash(request)},
      [this, reporter = caller.id](store::WriteTxn& txn,
                                   const store::IdempotencyKey& key,
                                   v1::SubmitReferralResponse&) {
        const absl::Time now = clock_->Now();
        RETURN_IF_ERROR(RecordChildWelfareAlert(txn.conn(), reporter,
                                                "referral.submit", now)
                            .status());
        return store::RecordIdempotentResponse(txn.conn(), key, "", now);
      },
      deadline,
      [done =
           std::move(done)](absl::StatusOr<v1::SubmitReferralResponse> answer) {
        if (answer.ok() && !answer->has_referral()) {
          done(MinorRefusedError("the referral was not made"));
        } else {
          done(std::move(answer));
        }
      });
}

}  // namespace rosa
