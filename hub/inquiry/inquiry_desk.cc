#include "hub/inquiry/inquiry_desk.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "hub/audit/actor.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/inquiry/inquiry_store.h"
#include "hub/inquiry/inquiry_validator.h"
#include "hub/store/apply_command.h"
#include "hub/store/idempotency.h"
#include "hub/store/page_token.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kMethod[] = "RecordInquiry";

// The partners that answer the hotline.
bool MayRecord(const Partner& partner) {
  return partner.kind == v1::PARTNER_KIND_SHELTER ||
         partner.kind == v1::PARTNER_KIND_COORDINATOR;
}

// Every write through a desk is audited, whether or not it concerns a
// person; an inquiry concerns none (no person id, no purpose).
absl::Status Audit(store::Connection& conn, const audit::Actor& actor,
                   const v1::HotlineInquiry& inquiry, absl::Time now) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action("inquiry.record");
  entry.set_object_id(inquiry.id());
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

}  // namespace

InquiryDesk::InquiryDesk(const PartnerRegistry* registry, store::Database* db,
                         const Clock* clock)
    : registry_(registry), db_(db), clock_(clock) {}

absl::Status InquiryDesk::CheckRecord(const Partner& caller,
                                      const v1::RecordInquiryRequest& request,
                                      absl::Time now) const {
  // The gateway passes the partner a payload came from; check it against
  // the registry as the server checks a certificate.
  if (registry_->FindEnabled(caller.id) == nullptr || !MayRecord(caller)) {
    return absl::PermissionDeniedError(
        "only a shelter or a coordinator records hotline inquiries");
  }
  return ValidateRecordInquiry(request, now);
}

absl::StatusOr<v1::HotlineInquiry> InquiryDesk::ApplyRecordInquiry(
    store::WriteTxn& txn, const Partner& caller,
    const v1::RecordInquiryRequest& request) {
  RETURN_IF_ERROR(CheckRecord(caller, request, clock_->Now()));
  store::IdempotencyKey key{caller.id, request.idempotency_key(), kMethod, ""};
  if (!key.key.empty()) key.request_hash = db_->RequestHash(request);
  return store::ApplyKeyed<v1::HotlineInquiry>(
      txn, key,
      [this, &caller, &request](store::WriteTxn& txn,
                                const store::IdempotencyKey& key,
                                v1::HotlineInquiry& inquiry) -> absl::Status {
        store::Connection& conn = txn.conn();
        const absl::Time now = clock_->Now();
        const int year = absl::ToCivilYear(now, OsloTimeZone()).year();
        ASSIGN_OR_RETURN(std::string id, AllocateInquiryId(conn, year));
        if (!request.inquiry().person_id().empty()) {
          // Only ROSA knows persons; for anyone else every person is
          // NOT_FOUND, whether registered or not.
          bool exists = false;
          if (caller.is_coordinator()) {
            ASSIGN_OR_RETURN(exists,
                             PersonExists(conn, request.inquiry().person_id()));
          }
          if (!exists) {
            // The value is not repeated: it passed only the id format.
            return absl::NotFoundError(
                "inquiry.person_id: no registered person has it");
          }
        }
        inquiry = request.inquiry();
        inquiry.set_id(id);
        inquiry.set_recorded_by(caller.id);
        *inquiry.mutable_recorded_at() = ToProtoTime(now);
        RETURN_IF_ERROR(InsertInquiry(conn, inquiry));
        RETURN_IF_ERROR(Audit(conn, audit::ActorOf(caller), inquiry, now));
        return store::RecordKeyedResponse(conn, key, inquiry, now);
      });
}

void InquiryDesk::RecordInquiry(const Partner& caller,
                                const v1::RecordInquiryRequest& request,
                                absl::Time deadline,
                                Done<v1::HotlineInquiry> done) {
  // Refused here already, off the writer; ApplyRecordInquiry checks again
  // on it, at the time it applies.
  absl::Status valid = CheckRecord(caller, request, clock_->Now());
  if (valid.ok() && request.idempotency_key().empty()) {
    // Over the API a lost answer is retried: without a key a retry would
    // count the call twice.
    valid = absl::InvalidArgumentError("idempotency_key: required");
  }
  if (!valid.ok()) {
    done(valid);
    return;
  }
  store::SubmitApply<v1::HotlineInquiry>(
      db_->writer(),
      [this, caller, request](store::WriteTxn& txn) {
        return ApplyRecordInquiry(txn, caller, request);
      },
      deadline, std::move(done));
}

void InquiryDesk::List(const Partner& caller,
                       const v1::ListInquiriesRequest& request,
                       Done<v1::ListInquiriesResponse> done) {
  if (absl::Status s = ValidateListInquiries(request); !s.ok()) {
    done(s);
    return;
  }
  auto after_seq = store::DecodePageToken(request.page_token());
  if (!after_seq.ok()) {
    done(after_seq.status());
    return;
  }
  InquiryQuery query;
  query.everyone = caller.is_coordinator();
  query.recorded_by = caller.id;
  if (request.has_occurred_since()) {
    query.occurred_since = FromProtoTime(request.occurred_since());
  }
  query.after_seq = *after_seq;
  const int page_size = store::PageSizeOrDefault(request.page_size());
  query.limit = page_size + 1;  // One more tells whether a next page exists.

  db_->readers().Submit([query, page_size,
                         done = std::move(done)](store::Connection& conn) {
    auto rows = QueryInquiries(conn, query);
    if (!rows.ok()) {
      done(rows.status());
      return;
    }
    v1::ListInquiriesResponse response;
    const bool more = rows->size() > static_cast<size_t>(page_size);
    if (more) rows->pop_back();
    for (InquiryRow& row : *rows) {
      *response.add_inquiries() = std::move(row.inquiry);
    }
    if (more) {
      response.set_next_page_token(store::EncodePageToken(rows->back().seq));
    }
    done(std::move(response));
  });
}

}  // namespace rosa
