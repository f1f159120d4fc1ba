#include "hub/consent/consent_desk.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/audit/actor.h"
#include "hub/audit/audit_log.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/consent/desk_support.h"
#include "hub/consent/pseudonym.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// The same words whether the person does not exist or the caller may not
// see persons at all.
absl::Status PersonNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("person ", id, " not found"));
}

absl::Status ConsentNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("consent ", id, " not found"));
}

absl::Status CheckCoordinator(const Partner& caller) {
  if (caller.is_coordinator()) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "only a coordinator (ROSA) records and withdraws consents");
}

absl::Status Audit(store::Connection& conn, const audit::Actor& actor,
                   const char* action, const v1::Consent& consent,
                   absl::Time now) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action(action);
  entry.set_object_id(consent.id());
  entry.set_person_id(consent.person_id());
  entry.set_purpose(consent.purpose());
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

}  // namespace

ConsentDesk::ConsentDesk(const PartnerRegistry* registry, store::Database* db,
                         Outbox* outbox, const Clock* clock,
                         ExchangeFiles* exchange_files)
    : registry_(registry),
      db_(db),
      outbox_(outbox),
      clock_(clock),
      exchange_files_(exchange_files) {}

absl::Status ConsentDesk::ValidateGive(const Partner& caller,
                                       const v1::GiveConsentRequest& request) {
  RETURN_IF_ERROR(CheckCoordinator(caller));
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  RETURN_IF_ERROR(CheckPersonId(request.person_id()));
  const v1::ConsentScope& scope = request.scope();
  switch (scope.recipient_case()) {
    case v1::ConsentScope::kPartnerId:
      if (registry_->Find(scope.partner_id()) == nullptr) {
        return absl::InvalidArgumentError(
            "scope.partner_id: not a registered partner");
      }
      break;
    case v1::ConsentScope::kPartnerKind:
      if (!v1::PartnerKind_IsValid(scope.partner_kind()) ||
          scope.partner_kind() == v1::PARTNER_KIND_UNSPECIFIED) {
        return absl::InvalidArgumentError(
            "scope.partner_kind: must be a partner kind");
      }
      break;
    default:
      return absl::InvalidArgumentError(
          "scope: partner_id or partner_kind is required");
  }
  if (!v1::ConsentPurpose_IsValid(request.purpose()) ||
      request.purpose() == v1::CONSENT_PURPOSE_UNSPECIFIED) {
    return absl::InvalidArgumentError("purpose: required");
  }
  if (request.purpose() == v1::CONSENT_PURPOSE_REGISTRATION) {
    return absl::InvalidArgumentError(
        "purpose: the consent to registration is given with RegisterPerson");
  }
  if (request.has_given_at()) {
    RETURN_IF_ERROR(
        CheckNotInFuture("given_at", request.given_at(), clock_->Now()));
  }
  return absl::OkStatus();
}

void ConsentDesk::Give(const Partner& caller,
                       const v1::GiveConsentRequest& request,
                       absl::Time deadline, Done<v1::Consent> done) {
  if (absl::Status s = ValidateGive(caller, request); !s.ok()) {
    done(s);
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(), "GiveConsent",
                            db_->RequestHash(request)};
  auto apply = [request, actor = audit::ActorOf(caller)](
                   store::WriteTxn& txn, absl::Time now,
                   v1::Consent* consent) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(bool exists, PersonExists(conn, request.person_id()));
    if (!exists) return PersonNotFound(request.person_id());
    ASSIGN_OR_RETURN(std::string id, NewPseudonym("C-"));
    consent->set_id(id);
    consent->set_person_id(request.person_id());
    *consent->mutable_scope() = request.scope();
    consent->set_purpose(request.purpose());
    *consent->mutable_given_at() =
        request.has_given_at() ? request.given_at() : ToProtoTime(now);
    consent->set_recorded_by(actor.partner);
    RETURN_IF_ERROR(InsertConsent(conn, *consent));
    return Audit(conn, actor, "consent.give", *consent, now);
  };
  SubmitIdempotentWrite<v1::Consent>(db_->writer(), std::move(key), clock_,
                                     deadline, std::move(apply),
                                     std::move(done));
}

void ConsentDesk::Withdraw(const Partner& caller,
                           const v1::WithdrawConsentRequest& request,
                           absl::Time deadline, Done<v1::Consent> done) {
  absl::Status valid = CheckCoordinator(caller);
  if (valid.ok()) valid = CheckIdempotencyKey(request.idempotency_key());
  if (valid.ok() && !IsPseudonym(request.consent_id(), "C-")) {
    valid = absl::InvalidArgumentError(
        "consent_id: must be \"C-\" and 10 capital letters or digits");
  }
  if (!valid.ok()) {
    done(valid);
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "WithdrawConsent", db_->RequestHash(request)};
  auto apply = [this, id = request.consent_id(),
                actor = audit::ActorOf(caller)](
                   store::WriteTxn& txn, absl::Time now,
                   v1::Consent* consent) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(auto loaded, LoadConsent(conn, id));
    if (!loaded.has_value()) return ConsentNotFound(id);
    *consent = std::move(*loaded);
    if (consent->has_withdrawn_at()) return absl::OkStatus();
    if (consent->purpose() == v1::CONSENT_PURPOSE_REGISTRATION) {
      return absl::FailedPreconditionError(absl::StrCat(
          "consent ", id,
          " is the consent to registration: withdraw it by erasing the "
          "person (ErasePerson)"));
    }
    RETURN_IF_ERROR(MarkConsentWithdrawn(conn, *consent, now));
    RETURN_IF_ERROR(Audit(conn, actor, "consent.withdraw", *consent, now));
    if (exchange_files_ != nullptr) {
      RETURN_IF_ERROR(exchange_files_->DoomForConsent(txn, id));
    }
    return NotifyConsentWithdrawn(txn, *outbox_, *consent, now);
  };
  SubmitIdempotentWrite<v1::Consent>(db_->writer(), std::move(key), clock_,
                                     deadline, std::move(apply),
                                     std::move(done));
}

void ConsentDesk::List(const Partner& caller,
                       const v1::ListConsentsRequest& request,
                       Done<v1::ListConsentsResponse> done) {
  if (absl::Status s = CheckPersonId(request.person_id()); !s.ok()) {
    done(s);
    return;
  }
  if (!caller.is_coordinator()) {
    done(PersonNotFound(request.person_id()));
    return;
  }
  db_->readers().Submit([id = request.person_id(),
                         done = std::move(done)](store::Connection& conn) {
    store::ReadTransaction read(conn);
    if (!read.status().ok()) {
      done(read.status());
      return;
    }
    absl::StatusOr<bool> exists = PersonExists(conn, id);
    if (!exists.ok() || !*exists) {
      done(exists.ok() ? PersonNotFound(id) : exists.status());
      return;
    }
    auto consents = ListPersonConsents(conn, id);
    if (!consents.ok()) {
      done(consents.status());
      return;
    }
    v1::ListConsentsResponse response;
    for (v1::Consent& c : *consents) *response.add_consents() = std::move(c);
    done(std::move(response));
  });
}

}  // namespace rosa
