#include "hub/person/person_desk.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/audit/actor.h"
#include "hub/audit/audit_log.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/consent/desk_support.h"
#include "hub/consent/pseudonym.h"
#include "hub/person/child_welfare.h"
#include "hub/person/person_validator.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr int kMaxIdAttempts = 8;

// The same words whether the person does not exist or the caller may not
// see persons at all, so that nobody can probe for persons.
absl::Status PersonNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("person ", id, " not found"));
}

absl::Status MissingRegistrationConsent() {
  return absl::FailedPreconditionError(
      "registration_consent_given_at: a person is registered only with "
      "their consent to registration; record when they gave it");
}

absl::Status Audit(store::Connection& conn, const audit::Actor& actor,
                   const char* action, const std::string& object_id,
                   const std::string& person_id, v1::ConsentPurpose purpose,
                   absl::Time now) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action(action);
  entry.set_object_id(object_id);
  entry.set_person_id(person_id);
  entry.set_purpose(purpose);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

absl::StatusOr<std::string> NewPersonId(store::Connection& conn) {
  for (int i = 0; i < kMaxIdAttempts; ++i) {
    ASSIGN_OR_RETURN(std::string id, NewPseudonym("P-"));
    ASSIGN_OR_RETURN(bool taken, PersonExists(conn, id));
    if (!taken) return id;
  }
  return absl::InternalError("could not draw an unused person id");
}

// Writes the person, its registration consent and their audit entries.
// `person` holds the answer (no identity) on return.
absl::Status RegisterInTxn(store::Connection& conn, PersonVault& vault,
                           const audit::Actor& actor,
                           const v1::RegisterPersonRequest& request,
                           absl::Time now, v1::Person* person) {
  ASSIGN_OR_RETURN(std::string id, NewPersonId(conn));
  person->set_id(id);
  *person->mutable_profile() = request.profile();
  v1::PersonProfile& profile = *person->mutable_profile();
  if (profile.residence_status() != v1::RESIDENCE_STATUS_UNSPECIFIED) {
    v1::ResidenceStatusChange* change = profile.add_residence_history();
    change->set_status(profile.residence_status());
    *change->mutable_recorded_at() = ToProtoTime(now);
    change->set_recorded_by(actor.partner);
  }
  *person->mutable_registered_at() = ToProtoTime(now);
  person->set_registered_by(actor.partner);

  v1::Person stored = *person;
  *stored.mutable_identity() = request.identity();
  absl::Status inserted = vault.Insert(conn, stored);
  stored.Clear();
  RETURN_IF_ERROR(inserted);

  v1::Consent consent;
  ASSIGN_OR_RETURN(std::string consent_id, NewPseudonym("C-"));
  consent.set_id(consent_id);
  consent.set_person_id(id);
  consent.set_purpose(v1::CONSENT_PURPOSE_REGISTRATION);
  *consent.mutable_given_at() = request.registration_consent_given_at();
  consent.set_recorded_by(actor.partner);
  RETURN_IF_ERROR(InsertConsent(conn, consent));

  RETURN_IF_ERROR(Audit(conn, actor, "person.register", id, id,
                        v1::CONSENT_PURPOSE_REGISTRATION, now));
  return Audit(conn, actor, "consent.give", consent_id, id,
               v1::CONSENT_PURPOSE_REGISTRATION, now);
}

// Forgets the idempotency records of the person's registration: their
// request hashes were computed over the identity.
absl::Status ForgetRegistrationRequests(store::Connection& conn,
                                        const std::string& person_id) {
  std::vector<std::pair<std::string, std::string>> keys;
  {
    ASSIGN_OR_RETURN(auto stmt,
                     conn.Prepare("SELECT partner, key, response FROM"
                                  " idempotency WHERE method = ?1"));
    stmt->Bind(1, "RegisterPerson");
    for (;;) {
      ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      v1::Person answer;
      if (answer.ParseFromString(stmt->ColumnBlob(2)) &&
          answer.id() == person_id) {
        keys.emplace_back(stmt->ColumnText(0), stmt->ColumnText(1));
      }
    }
  }
  ASSIGN_OR_RETURN(auto del, conn.Prepare("DELETE FROM idempotency"
                                          " WHERE partner = ?1 AND key = ?2"));
  for (const auto& [partner, key] : keys) {
    del->Reset();
    del->Bind(1, partner).Bind(2, key);
    RETURN_IF_ERROR(del->Run());
  }
  return absl::OkStatus();
}

}  // namespace

PersonDesk::PersonDesk(const PartnerRegistry* registry, store::Database* db,
                       PersonVault* vault, const Clock* clock, Outbox* outbox,
                       ExchangeFiles* exchange_files)
    : registry_(registry),
      db_(db),
      vault_(vault),
      clock_(clock),
      outbox_(outbox),
      exchange_files_(exchange_files) {}

void PersonDesk::Register(const Partner& caller,
                          const v1::RegisterPersonRequest& request,
                          absl::Time deadline, Done<v1::Person> done) {
  if (!caller.is_coordinator()) {
    done(absl::PermissionDeniedError(
        "only a coordinator (ROSA) registers persons"));
    return;
  }
  const absl::Time now = clock_->Now();
  if (absl::Status s = ValidateRegisterPerson(request, now); !s.ok()) {
    done(s);
    return;
  }
  // A secret shelter's address is never kept with a person: it would go
  // to every partner the identity goes to.
  if (registry_->HoldsSecretAddress(request.identity().contact_address())) {
    done(absl::InvalidArgumentError(
        "identity.contact_address: a secret shelter address; give another "
        "way to reach the person"));
    return;
  }
  const bool minor = IsPossiblyMinor(request, now);
  if (!minor && !request.has_registration_consent_given_at()) {
    done(MissingRegistrationConsent());
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "RegisterPerson", db_->RequestHash(request)};
  // A refused minor is stored as an answer without id, so that a retry
  // gets the same refusal and records no second alert.
  auto apply = [this, request, minor, actor = audit::ActorOf(caller)](
                   store::WriteTxn& txn, absl::Time now,
                   v1::Person* person) -> absl::Status {
    if (minor) {
      return RecordChildWelfareAlert(txn.conn(), actor.partner,
                                     "person.register", now)
          .status();
    }
    return RegisterInTxn(txn.conn(), *vault_, actor, request, now, person);
  };
  SubmitIdempotentWrite<v1::Person>(
      db_->writer(), std::move(key), clock_, deadline, std::move(apply),
      [done = std::move(done)](absl::StatusOr<v1::Person> person) {
        if (person.ok() && person->id().empty()) {
          done(MinorRefusedError("the person is not registered"));
        } else {
          done(std::move(person));
        }
      });
}

void PersonDesk::Read(const Partner& caller,
                      const v1::ReadPersonRequest& request, absl::Time deadline,
                      Done<v1::Person> done) {
  absl::Status valid = CheckPersonId(request.person_id());
  if (valid.ok() && !caller.is_coordinator()) {
    valid = PersonNotFound(request.person_id());
  }
  if (valid.ok() && (!v1::ConsentPurpose_IsValid(request.purpose()) ||
                     request.purpose() == v1::CONSENT_PURPOSE_UNSPECIFIED)) {
    valid = absl::InvalidArgumentError(
        "purpose: required; why the identity is read is recorded");
  }
  if (!valid.ok()) {
    done(valid);
    return;
  }
  auto result = std::make_shared<v1::Person>();
  auto apply = [this, request, actor = audit::ActorOf(caller),
                result](store::WriteTxn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(*result, vault_->Load(txn.conn(), request.person_id()));
    return Audit(txn.conn(), actor, "person.read", request.person_id(),
                 request.person_id(), request.purpose(), clock_->Now());
  };
  db_->writer().Submit(
      store::WriteOp{std::move(apply),
                     [result, done = std::move(done)](absl::Status status) {
                       if (!status.ok()) {
                         result->Clear();
                         done(status);
                       } else {
                         done(std::move(*result));
                       }
                     },
                     deadline});
}

void PersonDesk::Erase(const Partner& caller,
                       const v1::ErasePersonRequest& request,
                       absl::Time deadline,
                       Done<v1::ErasePersonResponse> done) {
  absl::Status valid = CheckIdempotencyKey(request.idempotency_key());
  if (valid.ok()) valid = CheckPersonId(request.person_id());
  if (valid.ok() && !caller.is_coordinator()) {
    valid = PersonNotFound(request.person_id());
  }
  if (!valid.ok()) {
    done(valid);
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(), "ErasePerson",
                            db_->RequestHash(request)};
  auto apply = [this, id = request.person_id(), actor = audit::ActorOf(caller)](
                   store::WriteTxn& txn, absl::Time now,
                   v1::ErasePersonResponse* response) -> absl::Status {
    store::Connection& conn = txn.conn();
    if (outbox_ != nullptr) {
      ASSIGN_OR_RETURN(std::vector<v1::Consent> consents,
                       ListPersonConsents(conn, id));
      for (const v1::Consent& consent : consents) {
        if (consent.has_withdrawn_at()) continue;
        RETURN_IF_ERROR(NotifyConsentWithdrawn(txn, *outbox_, consent, now));
      }
    }
    if (exchange_files_ != nullptr) {
      RETURN_IF_ERROR(exchange_files_->DoomForPerson(txn, id));
    }
    RETURN_IF_ERROR(vault_->Shred(conn, id));
    RETURN_IF_ERROR(ForgetRegistrationRequests(conn, id));
    RETURN_IF_ERROR(Audit(conn, actor, "person.erase", id, id,
                          v1::CONSENT_PURPOSE_UNSPECIFIED, now));
    response->set_person_id(id);
    *response->mutable_erased_at() = ToProtoTime(now);
    // No page with the person's data may stay in the write-ahead log.
    txn.OnCommit([writer = &db_->writer()] { writer->ScrubWal(); });
    return absl::OkStatus();
  };
  SubmitIdempotentWrite<v1::ErasePersonResponse>(
      db_->writer(), std::move(key), clock_, deadline, std::move(apply),
      std::move(done));
}

void PersonDesk::GetAccessExtract(const Partner& caller,
                                  const v1::GetAccessExtractRequest& request,
                                  Done<v1::AccessExtract> done) {
  absl::Status valid = CheckPersonId(request.person_id());
  if (valid.ok() && !caller.is_coordinator()) {
    valid = PersonNotFound(request.person_id());
  }
  if (!valid.ok()) {
    done(valid);
    return;
  }
  db_->readers().Submit([id = request.person_id(),
                         done = std::move(done)](store::Connection& conn) {
    auto entries = audit::AuditEntriesForPerson(conn, id);
    if (!entries.ok()) {
      done(entries.status());
      return;
    }
    // Every registered person has at least its registration entry.
    if (entries->empty()) {
      done(PersonNotFound(id));
      return;
    }
    v1::AccessExtract extract;
    extract.set_person_id(id);
    for (const v1::AuditEntry& entry : *entries) {
      v1::AccessRecord* record = extract.add_records();
      record->set_audit_index(entry.index());
      *record->mutable_at() = entry.at();
      record->set_actor(entry.actor());
      record->set_actor_person(entry.actor_person());
      record->set_action(entry.action());
      record->set_object_id(entry.object_id());
      record->set_purpose(entry.purpose());
    }
    done(std::move(extract));
  });
}

}  // namespace rosa
