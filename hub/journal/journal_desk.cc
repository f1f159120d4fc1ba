#include "hub/journal/journal_desk.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "hub/audit/actor.h"
#include "hub/audit/audit_log.h"
#include "hub/common/field_limits.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/consent/desk_support.h"
#include "hub/journal/journal_store.h"
#include "hub/journal/journal_validator.h"
#include "hub/journal/residence_history.h"
#include "hub/store/apply_command.h"
#include "hub/store/idempotency.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kMethod[] = "RecordJournalEntry";

// The same answer whether the person does not exist or the caller may not
// see persons at all. The id was checked to be well-formed.
absl::Status PersonNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("person ", id, " not found"));
}

absl::Status Audit(store::Connection& conn, const audit::Actor& actor,
                   const char* action, const std::string& object_id,
                   const std::string& person_id, absl::Time now) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action(action);
  entry.set_object_id(object_id);
  entry.set_person_id(person_id);
  entry.set_purpose(v1::CONSENT_PURPOSE_REGISTRATION);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

// Anyone but an enabled coordinator learns nothing: NOT_FOUND for the
// person, the same words as for one that does not exist. The id's shape is
// checked first, so that the answer never echoes anything else.
absl::Status CheckCaller(const Partner& caller, const PartnerRegistry& registry,
                         const v1::RecordJournalEntryRequest& request) {
  RETURN_IF_ERROR(ValidateJournalPersonId(request));
  if (caller.is_coordinator() && registry.FindEnabled(caller.id) != nullptr) {
    return absl::OkStatus();
  }
  return PersonNotFound(request.record().person_id());
}

bool IsFacility(const PartnerRegistry& registry, const std::string& id) {
  for (const Partner* partner : registry.All()) {
    for (const Facility& facility : partner->facilities) {
      if (facility.id == id) return true;
    }
  }
  return false;
}

}  // namespace

JournalDesk::JournalDesk(const PartnerRegistry* registry, store::Database* db,
                         PersonVault* vault, const Clock* clock)
    : registry_(registry), db_(db), vault_(vault), clock_(clock) {}

absl::Status JournalDesk::CheckReferences(store::Connection& conn,
                                          const v1::JournalRecord& record) {
  absl::StatusOr<v1::Person> person =
      vault_->LoadProfile(conn, record.person_id());
  if (absl::IsNotFound(person.status())) {
    return PersonNotFound(record.person_id());
  }
  RETURN_IF_ERROR(person.status());
  // Adults only: nothing from a year before the person turns 18, by birth
  // year (none recorded: not checked).
  const int birth_year = static_cast<int>(person->profile().birth_year());
  const int year = static_cast<int>(
      absl::ToCivilYear(FromProtoTime(record.occurred_at()), OsloTimeZone())
          .year());
  if (birth_year != 0 && year - birth_year < kAdultAge) {
    return absl::FailedPreconditionError(
        absl::StrCat("record.occurred_at: in a year before the person turns ",
                     kAdultAge, "; ROSA assists adults only"));
  }
  if (record.has_stay() && record.stay().has_facility_id() &&
      !IsFacility(*registry_, record.stay().facility_id())) {
    return absl::NotFoundError(
        "record.stay.facility_id: no such facility in the partner registry");
  }
  if (record.has_police_report_status()) {
    ASSIGN_OR_RETURN(
        auto report,
        LoadJournalRecord(conn, record.police_report_status().report_id()));
    if (!report.has_value() || !report->has_police_report() ||
        report->person_id() != record.person_id()) {
      return absl::NotFoundError(
          "record.police_report_status.report_id: no police report of this "
          "person with that id");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::JournalRecord> JournalDesk::ApplyRecord(
    store::WriteTxn& txn, const Partner& caller,
    const v1::RecordJournalEntryRequest& request) {
  RETURN_IF_ERROR(CheckCaller(caller, *registry_, request));
  RETURN_IF_ERROR(ValidateRecordJournalEntry(request, clock_->Now()));
  store::IdempotencyKey key{caller.id, request.idempotency_key(), kMethod,
                            db_->RequestHash(request)};
  return store::ApplyKeyed<v1::JournalRecord>(
      txn, key,
      [this, &caller, &request](store::WriteTxn& txn,
                                const store::IdempotencyKey& key,
                                v1::JournalRecord& record) -> absl::Status {
        store::Connection& conn = txn.conn();
        const absl::Time now = clock_->Now();
        RETURN_IF_ERROR(CheckReferences(conn, request.record()));
        const int year = absl::ToCivilYear(now, OsloTimeZone()).year();
        ASSIGN_OR_RETURN(std::string id, AllocateJournalId(conn, year));
        record = request.record();
        record.set_id(id);
        record.set_recorded_by(caller.id);
        *record.mutable_recorded_at() = ToProtoTime(now);
        RETURN_IF_ERROR(InsertJournalRecord(conn, record));
        if (record.has_residence_status()) {
          ASSIGN_OR_RETURN(v1::Person person,
                           vault_->LoadProfile(conn, record.person_id()));
          AddResidenceChange(record, *person.mutable_profile());
          RETURN_IF_ERROR(vault_->UpdateProfile(conn, record.person_id(),
                                                person.profile()));
        }
        RETURN_IF_ERROR(Audit(conn, audit::ActorOf(caller), "journal.record",
                              id, record.person_id(), now));
        return store::RecordKeyedResponse(conn, key, record, now);
      });
}

void JournalDesk::Record(const Partner& caller,
                         const v1::RecordJournalEntryRequest& request,
                         absl::Time deadline, Done<v1::JournalRecord> done) {
  absl::Status valid = CheckCaller(caller, *registry_, request);
  if (valid.ok()) valid = ValidateRecordJournalEntry(request, clock_->Now());
  if (!valid.ok()) {
    done(valid);
    return;
  }
  store::SubmitApply<v1::JournalRecord>(
      db_->writer(),
      [this, caller, request](store::WriteTxn& txn) {
        return ApplyRecord(txn, caller, request);
      },
      deadline, std::move(done));
}

void JournalDesk::List(const Partner& caller,
                       const v1::ListJournalRequest& request,
                       absl::Time deadline,
                       Done<v1::ListJournalResponse> done) {
  if (absl::Status s = CheckPersonId(request.person_id()); !s.ok()) {
    done(s);
    return;
  }
  if (!caller.is_coordinator()) {
    done(PersonNotFound(request.person_id()));
    return;
  }
  store::SubmitApply<v1::ListJournalResponse>(
      db_->writer(),
      [this, actor = audit::ActorOf(caller), id = request.person_id()](
          store::WriteTxn& txn) -> absl::StatusOr<v1::ListJournalResponse> {
        store::Connection& conn = txn.conn();
        ASSIGN_OR_RETURN(bool exists, PersonExists(conn, id));
        if (!exists) return PersonNotFound(id);
        RETURN_IF_ERROR(
            Audit(conn, actor, "journal.read", id, id, clock_->Now()));
        ASSIGN_OR_RETURN(auto records, PersonJournal(conn, id));
        v1::ListJournalResponse response;
        for (auto& record : records) {
          *response.add_records() = std::move(record);
        }
        return response;
      },
      deadline, std::move(done));
}

}  // namespace rosa
