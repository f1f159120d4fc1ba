#include "hub/referral/referral_desk.h"

#include <functional>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/outbox/free_text.h"
#include "hub/person/child_welfare.h"
#include "hub/placement/capacity_validator.h"
#include "hub/referral/assisted_return.h"
#include "hub/referral/minimisation.h"
#include "hub/referral/recorded_answer.h"
#include "hub/referral/referral_access.h"
#include "hub/referral/referral_as_of.h"
#include "hub/referral/referral_desk_internal.h"
#include "hub/referral/referral_rules.h"
#include "hub/referral/referral_state_machine.h"
#include "hub/referral/referral_store.h"
#include "hub/referral/referral_validator.h"
#include "hub/referral/referral_view.h"
#include "hub/referral/submit_rights.h"
#include "hub/store/apply_command.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

absl::Status CheckSide(const Partner& caller, const v1::Referral& referral,
                       v1::ReferralState target) {
  if (SideThatMovesTo(target) == ReferralSide::kSender) {
    if (caller.id != referral.sender()) {
      return absl::PermissionDeniedError(
          absl::StrCat("only the sender (", referral.sender(),
                       ") may cancel referral ", referral.id()));
    }
  } else if (caller.id != referral.recipient()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only the recipient (", referral.recipient(), ") may move referral ",
        referral.id(), " to ", ReferralStateName(target)));
  }
  return absl::OkStatus();
}

// A partner system that sends the same step twice (same actor, same
// occurred_at) gets the referral back unchanged.
bool IsRepeatOfLastStep(const Partner& caller, const v1::Referral& referral,
                        const v1::UpdateReferralStatusRequest& request) {
  if (referral.history().empty() || !request.has_occurred_at()) return false;
  const v1::Transition& last = *referral.history().rbegin();
  return referral.state() == request.target() && last.actor() == caller.id &&
         last.occurred_at().seconds() == request.occurred_at().seconds() &&
         last.occurred_at().nanos() == request.occurred_at().nanos();
}

// The validators require a key, as every RPC carries one. A command
// applied inside a partner payload may come without one (its answer is then
// not recorded for replay), so its other fields are checked under a
// placeholder key.
template <typename Request>
Request WithCheckableKey(const Request& request) {
  if (!request.idempotency_key().empty()) return request;
  Request copy = request;
  copy.set_idempotency_key("-");
  return copy;
}

template <typename Request>
store::IdempotencyKey KeyFor(const store::Database& db, const Partner& caller,
                             const char* method, const Request& request) {
  if (request.idempotency_key().empty()) return store::IdempotencyKey{};
  return store::IdempotencyKey{caller.id, request.idempotency_key(), method,
                               db.RequestHash(request)};
}

}  // namespace

ReferralDesk::ReferralDesk(const PartnerRegistry* registry, store::Database* db,
                           Outbox* outbox, PersonVault* vault,
                           const Clock* clock, PlacementDesk* placement)
    : registry_(registry),
      db_(db),
      outbox_(outbox),
      vault_(vault),
      clock_(clock),
      placement_(placement) {}

absl::Status ReferralDesk::CheckHold(
    const Partner& caller, const v1::SubmitReferralRequest& request) const {
  if (!request.has_hold()) return absl::OkStatus();
  RETURN_IF_ERROR(ValidateHoldPlace("hold", request.hold()));
  if (request.type() != v1::REFERRAL_TYPE_PLACEMENT) {
    return absl::InvalidArgumentError("hold: only on placement referrals");
  }
  if (!caller.is_coordinator()) {
    return absl::PermissionDeniedError(
        "hold: only the coordinator (ROSA) may hold a place");
  }
  if (placement_ == nullptr) {
    return absl::FailedPreconditionError(
        "hold: this hub keeps no placement holds");
  }
  return absl::OkStatus();
}

absl::StatusOr<const Partner*> ReferralDesk::CheckRecipient(
    const Partner& caller, const v1::SubmitReferralRequest& request) {
  const Partner* recipient = registry_->FindEnabled(request.recipient());
  if (recipient == nullptr) {
    // The value is not repeated: it passed only the partner-id format.
    return absl::InvalidArgumentError(
        "recipient: not a registered, enabled partner");
  }
  if (recipient->id == caller.id) {
    return absl::InvalidArgumentError(
        "recipient: a partner cannot refer to itself");
  }
  if (!KindHandlesType(recipient->kind, request.type())) {
    return absl::InvalidArgumentError(
        absl::StrCat("recipient: '", recipient->id, "' is ",
                     PartnerKindName(recipient->kind), " and does not take ",
                     ReferralTypeName(request.type()), " referrals"));
  }
  return recipient;
}

absl::Status ReferralDesk::Publish(store::WriteTxn& txn,
                                   const v1::Referral& referral,
                                   v1::ReferralEvent::Kind kind,
                                   absl::Time now) {
  // Each partner's copy is its own minimised view, without identity: the
  // outbox never holds identifying data (a recipient fetches identity with
  // GetReferral, which is audited and re-checks consent). Free text the
  // view keeps is held by reference only (Outbox::Append). When this version
  // can be rebuilt, the event keeps only a reference to it, and each reader's
  // view is made again when it is read (ReferralEventContent).
  const bool by_reference = CanRebuildCurrentVersion(referral);
  for (const std::string& id : ReferralAudience(*registry_, referral)) {
    const Partner* partner = registry_->Find(id);
    if (partner == nullptr) continue;
    v1::Event event;
    v1::ReferralEvent* body = event.mutable_referral();
    body->set_kind(kind);
    if (by_reference) {
      *body->mutable_referral() = ReferralReference(referral);
    } else {
      *body->mutable_referral() = ViewFor(*partner, referral, nullptr);
      *body->mutable_transition() = *referral.history().rbegin();
    }
    ASSIGN_OR_RETURN(uint64_t cursor, outbox_->Append(txn, id, event, now));
    (void)cursor;
  }
  return absl::OkStatus();
}

void ReferralDesk::Submit(const Partner& caller,
                          const v1::SubmitReferralRequest& request,
                          absl::Time deadline,
                          Done<v1::SubmitReferralResponse> done) {
  // Who may send what is decided before anything about the person is looked
  // up, and every refusal is audited before it is answered (a minor's
  // refusal is recorded as a child-welfare alert instead).
  Done<v1::SubmitReferralResponse> minor_refused = done;
  done = AuditRefusals(caller, request, std::move(done));
  absl::Status valid = ValidateSubmitReferral(request);
  const Partner* to = nullptr;
  if (valid.ok()) {
    absl::StatusOr<const Partner*> found = CheckRecipient(caller, request);
    valid = found.status();
    if (found.ok()) to = *found;
  }
  if (valid.ok()) valid = CheckSubmitRight(caller, request.type(), *to);
  if (valid.ok()) valid = CheckHold(caller, request);
  if (!valid.ok()) {
    done(valid);
    return;
  }
  if (!CheckAdultsOnly(request.facts()).ok()) {
    RefuseMinor(caller, request, deadline, std::move(minor_refused));
    return;
  }
  const Partner& recipient = *to;
  if (absl::Status s = CheckRecipientAdmits(recipient, request); !s.ok()) {
    done(s);
    return;
  }
  const bool if_hosting =
      SubmitRightFor(caller.kind, request.type(), recipient.kind) ==
      SubmitRight::kIfHosting;
  auto apply = [this, request, recipient, caller, if_hosting,
                sender = caller.id, who = audit::ActorOf(caller)](
                   store::WriteTxn& txn, const store::IdempotencyKey& key,
                   v1::SubmitReferralResponse& result) -> absl::Status {
    store::Connection& conn = txn.conn();
    if (if_hosting) {
      ASSIGN_OR_RETURN(bool hosts,
                       SenderHosts(conn, sender, request.person_ref()));
      if (!hosts) return NotHostingError(caller);
    }
    RETURN_IF_ERROR(CheckIdentityConsent(conn, recipient, request));
    const absl::Time now = clock_->Now();
    const int year = absl::ToCivilYear(now, OsloTimeZone()).year();
    ASSIGN_OR_RETURN(std::string id, AllocateReferralId(conn, year));

    v1::Referral& r = *result.mutable_referral();
    r.set_id(id);
    r.set_type(request.type());
    r.set_sender(sender);
    r.set_recipient(request.recipient());
    r.set_state(v1::REFERRAL_STATE_REQUESTED);
    r.set_person_ref(request.person_ref());
    *r.mutable_facts() = request.facts();
    r.set_note(request.note());
    *r.mutable_created_at() = ToProtoTime(now);
    *r.mutable_updated_at() = ToProtoTime(now);
    r.set_version(1);
    v1::Transition* t = r.add_history();
    t->set_to(v1::REFERRAL_STATE_REQUESTED);
    t->set_actor(sender);
    *t->mutable_occurred_at() = ToProtoTime(now);
    *t->mutable_recorded_at() = ToProtoTime(now);

    RETURN_IF_ERROR(InsertReferral(conn, vault_->texts(), r));
    RETURN_IF_ERROR(
        internal::AuditReferral(conn, "referral.submit", who, r, now));
    RETURN_IF_ERROR(Publish(txn, r, v1::ReferralEvent::KIND_SUBMITTED, now));
    // The place is checked and held in this transaction: if none is left,
    // the referral is not made either.
    if (request.has_hold()) {
      RETURN_IF_ERROR(placement_->HoldForReferral(txn, r, request.hold()));
    }
    // The sender's view: what it wrote, never identity.
    *result.mutable_referral() = ViewFor(caller, r, nullptr);
    v1::SubmitReferralResponse recorded = result;
    *recorded.mutable_referral() = RecordedAnswer(r, result.referral());
    return store::RecordIdempotentResponse(conn, key,
                                           recorded.SerializeAsString(), now);
  };
  store::SubmitIdempotent<v1::SubmitReferralResponse>(
      db_->writer(),
      store::IdempotencyKey{caller.id, request.idempotency_key(),
                            "SubmitReferral", db_->RequestHash(request)},
      std::move(apply), deadline, std::move(done),
      [this, caller](store::WriteTxn& txn,
                     v1::SubmitReferralResponse& replayed) {
        replayed.set_replayed(true);
        return PutBackAnswer(txn.conn(), vault_->texts(), caller,
                             *replayed.mutable_referral());
      });
}

void ReferralDesk::UpdateStatus(const Partner& caller,
                                const v1::UpdateReferralStatusRequest& request,
                                absl::Time deadline, Done<v1::Referral> done) {
  // Over the API the key is required; checked here so that a bad request
  // never reaches the writer.
  if (absl::Status s = ValidateUpdateReferralStatus(request, clock_->Now());
      !s.ok()) {
    done(s);
    return;
  }
  store::SubmitApply<v1::Referral>(
      db_->writer(),
      [this, caller, request](store::WriteTxn& txn) {
        return ApplyUpdateStatus(txn, caller, request);
      },
      deadline, std::move(done));
}

absl::StatusOr<v1::Referral> ReferralDesk::ApplyUpdateStatus(
    store::WriteTxn& txn, const Partner& caller,
    const v1::UpdateReferralStatusRequest& request) {
  RETURN_IF_ERROR(
      ValidateUpdateReferralStatus(WithCheckableKey(request), clock_->Now()));
  const store::IdempotentApply<v1::Referral> apply =
      [this, &request, &caller](store::WriteTxn& txn,
                                const store::IdempotencyKey& key,
                                v1::Referral& r) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(
        r, internal::LoadVisibleReferral(conn, vault_->texts(), caller,
                                         request.referral_id()));
    RETURN_IF_ERROR(CheckSide(caller, r, request.target()));
    if (IsRepeatOfLastStep(caller, r, request)) {
      r = ViewFor(caller, r, nullptr);
      return absl::OkStatus();
    }
    if (absl::Status s = CheckTransition(r.state(), request.target());
        !s.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("referral ", r.id(), ": ", s.message()));
    }
    const absl::Time now = clock_->Now();
    const absl::Time occurred =
        request.has_occurred_at() ? FromProtoTime(request.occurred_at()) : now;
    if (BeforeAtMinuteResolution(
            occurred, FromProtoTime(r.history().rbegin()->occurred_at()))) {
      return absl::InvalidArgumentError(
          "occurred_at: earlier than the referral's previous step");
    }
    RETURN_IF_ERROR(PlaceAtFacility(caller, request, r));
    v1::Transition* t = r.add_history();
    t->set_from(r.state());
    t->set_to(request.target());
    t->set_actor(caller.id);
    *t->mutable_occurred_at() = ToProtoTime(occurred);
    *t->mutable_recorded_at() = ToProtoTime(now);
    t->set_reason(request.reason());
    if (request.has_nights_stayed())
      t->set_nights_stayed(request.nights_stayed());
    r.set_state(request.target());
    *r.mutable_updated_at() = ToProtoTime(now);
    r.set_version(r.version() + 1);

    RETURN_IF_ERROR(UpdateReferral(conn, vault_->texts(), r));
    RETURN_IF_ERROR(internal::AuditReferral(conn, "referral.transition",
                                            audit::ActorOf(caller), r, now));
    RETURN_IF_ERROR(
        Publish(txn, r, v1::ReferralEvent::KIND_STATUS_CHANGED, now));
    // Acceptance claims a held place; rejection or cancellation frees it.
    if (placement_ != nullptr) {
      RETURN_IF_ERROR(placement_->OnReferralTransition(txn, r));
    }
    const v1::Referral stored = std::move(r);
    r = ViewFor(caller, stored, nullptr);
    return store::RecordKeyedResponse(conn, key, RecordedAnswer(stored, r),
                                      now);
  };
  return store::ApplyKeyed<v1::Referral>(
      txn, KeyFor(*db_, caller, "UpdateReferralStatus", request), apply,
      [this, &caller](store::WriteTxn& txn, v1::Referral& replayed) {
        return PutBackAnswer(txn.conn(), vault_->texts(), caller, replayed);
      });
}

absl::Status ReferralDesk::PlaceAtFacility(
    const Partner& caller, const v1::UpdateReferralStatusRequest& request,
    v1::Referral& referral) {
  if (request.facility_id().empty()) return absl::OkStatus();
  if (request.target() != v1::REFERRAL_STATE_ACCEPTED ||
      referral.type() != v1::REFERRAL_TYPE_PLACEMENT) {
    return absl::InvalidArgumentError(
        "facility_id: only when accepting a placement referral");
  }
  for (const Facility& f : caller.facilities) {
    if (f.id != request.facility_id()) continue;
    v1::PlacementFacility* placed = referral.mutable_facility();
    placed->set_id(f.id);
    placed->set_name(f.name);
    placed->set_region(f.region);
    placed->set_secret_address(f.secret_address);
    // A secret address is never copied out of the registry.
    if (!f.secret_address) placed->set_address(f.address);
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("facility_id: not one of ", caller.id, "'s facilities"));
}

absl::Status ReferralDesk::CheckIdentityConsent(
    store::Connection& conn, const Partner& recipient,
    const v1::SubmitReferralRequest& request) {
  const v1::ConsentPurpose purpose = IdentityPurpose(request.type());
  if (purpose == v1::CONSENT_PURPOSE_UNSPECIFIED) return absl::OkStatus();
  ASSIGN_OR_RETURN(bool exists, PersonExists(conn, request.person_ref()));
  if (!exists) {
    return absl::FailedPreconditionError(
        "person_ref: not a registered person; register the person and record "
        "the consent first");
  }
  ASSIGN_OR_RETURN(auto consent, FindCoveringConsent(conn, request.person_ref(),
                                                     recipient, purpose));
  if (!consent.has_value()) return MissingConsentError(recipient, purpose);
  return absl::OkStatus();
}

void ReferralDesk::UpdateAssistedReturn(
    const Partner& caller, const v1::UpdateAssistedReturnRequest& request,
    absl::Time deadline, Done<v1::Referral> done) {
  if (absl::Status s = ValidateUpdateAssistedReturn(request); !s.ok()) {
    done(s);
    return;
  }
  store::SubmitApply<v1::Referral>(
      db_->writer(),
      [this, caller, request](store::WriteTxn& txn) {
        return ApplyUpdateAssistedReturn(txn, caller, request);
      },
      deadline, std::move(done));
}

absl::StatusOr<v1::Referral> ReferralDesk::ApplyUpdateAssistedReturn(
    store::WriteTxn& txn, const Partner& caller,
    const v1::UpdateAssistedReturnRequest& request) {
  RETURN_IF_ERROR(ValidateUpdateAssistedReturn(WithCheckableKey(request)));
  const store::IdempotentApply<v1::Referral> apply =
      [this, &request, &caller](store::WriteTxn& txn,
                                const store::IdempotencyKey& key,
                                v1::Referral& r) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(
        r, internal::LoadVisibleReferral(conn, vault_->texts(), caller,
                                         request.referral_id()));
    if (caller.id != r.recipient()) {
      return absl::PermissionDeniedError(
          absl::StrCat("only the recipient (", r.recipient(),
                       ") records assisted-return statuses on ", r.id()));
    }
    RETURN_IF_ERROR(CheckAssistedReturnApplies(r));
    const absl::Time now = clock_->Now();
    *r.mutable_assisted_return() = request.assisted_return();
    *r.mutable_updated_at() = ToProtoTime(now);
    r.set_version(r.version() + 1);
    RETURN_IF_ERROR(UpdateReferral(conn, vault_->texts(), r));
    RETURN_IF_ERROR(internal::AuditReferral(conn, "referral.assisted_return",
                                            audit::ActorOf(caller), r, now));
    RETURN_IF_ERROR(
        Publish(txn, r, v1::ReferralEvent::KIND_ASSISTED_RETURN_UPDATED, now));
    const v1::Referral stored = std::move(r);
    r = ViewFor(caller, stored, nullptr);
    return store::RecordKeyedResponse(conn, key, RecordedAnswer(stored, r),
                                      now);
  };
  return store::ApplyKeyed<v1::Referral>(
      txn, KeyFor(*db_, caller, "UpdateAssistedReturn", request), apply,
      [this, &caller](store::WriteTxn& txn, v1::Referral& replayed) {
        return PutBackAnswer(txn.conn(), vault_->texts(), caller, replayed);
      });
}

}  // namespace rosa
