#include "hub/handoff/handoff_desk.h"

#include <memory>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"
#include "hub/common/time_util.h"
#include "hub/consent/consent_book.h"
#include "hub/handoff/handoff_ledger.h"
#include "hub/handoff/handoff_store.h"
#include "hub/store/idempotency.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr int kDefaultPageSize = 50;
constexpr char kPageTokenPrefix[] = "v1.";
constexpr v1::ConsentPurpose kPurpose = v1::CONSENT_PURPOSE_LEGAL_COUNSELLING;

// The same answer whether the handoff does not exist or the caller may not
// see it, so that nobody can probe for other lawyers' handoffs. The id was
// checked to be well-formed, so it holds no free text.
absl::Status HandoffNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("handoff ", id, " not found"));
}

bool CanSeeHandoff(const Partner& caller, const v1::Handoff& handoff) {
  return caller.is_coordinator() || caller.id == handoff.lawyer();
}

bool IsLawyer(const Partner& caller) {
  return caller.kind == v1::PARTNER_KIND_LEGAL_COUNSEL;
}

std::string EncodePageToken(int64_t seq) {
  return absl::StrCat(kPageTokenPrefix, seq);
}

absl::StatusOr<int64_t> DecodePageToken(const std::string& token) {
  if (token.empty()) return 0;
  const std::string prefix = kPageTokenPrefix;
  int64_t seq = 0;
  if (token.compare(0, prefix.size(), prefix) != 0 ||
      !absl::SimpleAtoi(token.substr(prefix.size()), &seq) || seq < 0) {
    return absl::InvalidArgumentError(
        "page_token: not a token this hub handed out");
  }
  return seq;
}

absl::Status Audit(store::Connection& conn, const std::string& actor,
                   const char* action, const v1::Handoff& handoff,
                   absl::Time now) {
  v1::AuditEntry entry;
  entry.set_actor(actor);
  entry.set_action(action);
  entry.set_object_id(handoff.id());
  entry.set_person_id(handoff.person_id());
  entry.set_purpose(kPurpose);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

// Runs `apply(txn, result)` on the writer and hands `result` to `done` once
// it has committed.
template <typename T, typename Apply>
void RunOnWriter(store::Database& db, absl::Time deadline, Apply apply,
                 HandoffDesk::Done<T> done) {
  auto result = std::make_shared<T>();
  db.writer().Submit(
      store::WriteOp{[apply = std::move(apply), result](store::WriteTxn& txn) {
                       return apply(txn, *result);
                     },
                     [result, done = std::move(done)](absl::Status status) {
                       if (!status.ok()) {
                         done(status);
                       } else {
                         done(std::move(*result));
                       }
                     },
                     deadline});
}

// The stored response of an earlier call with the same idempotency key,
// parsed into `result`; false if the key is new.
absl::StatusOr<bool> Replay(store::Connection& conn,
                            const store::IdempotencyKey& key,
                            google::protobuf::Message& result) {
  ASSIGN_OR_RETURN(auto prior, store::FindIdempotentResponse(conn, key));
  if (!prior.has_value()) return false;
  if (!result.ParseFromString(*prior)) {
    return absl::DataLossError("stored idempotent response does not parse");
  }
  return true;
}

}  // namespace

HandoffDesk::HandoffDesk(const PartnerRegistry* registry, store::Database* db,
                         Outbox* outbox, PersonVault* vault, const Clock* clock)
    : registry_(registry),
      db_(db),
      outbox_(outbox),
      vault_(vault),
      clock_(clock) {}

absl::Status HandoffDesk::Publish(store::WriteTxn& txn,
                                  const v1::Handoff& handoff, absl::Time now) {
  if (handoff.has_identity()) {
    return absl::InternalError("handoff events never carry identity");
  }
  v1::Event event;
  *event.mutable_handoff()->mutable_handoff() = handoff;
  std::set<std::string> audience = {handoff.lawyer()};
  for (const std::string& id : registry_->CoordinatorIds()) audience.insert(id);
  for (const std::string& partner : audience) {
    ASSIGN_OR_RETURN(uint64_t cursor,
                     outbox_->Append(txn, partner, event, now));
    (void)cursor;
  }
  return absl::OkStatus();
}

absl::Status HandoffDesk::AddIdentityForLawyer(store::WriteTxn& txn,
                                               const Partner& lawyer,
                                               v1::Handoff& handoff,
                                               absl::Time now) {
  // A lawyer that declined or closed the case no longer needs identity.
  if (handoff.state() != v1::HANDOFF_STATE_OFFERED &&
      handoff.state() != v1::HANDOFF_STATE_ACCEPTED) {
    return absl::OkStatus();
  }
  store::Connection& conn = txn.conn();
  ASSIGN_OR_RETURN(auto consent, FindCoveringConsent(conn, handoff.person_id(),
                                                     lawyer, kPurpose));
  if (!consent.has_value()) return absl::OkStatus();
  auto person = vault_->Load(conn, handoff.person_id());
  if (absl::IsNotFound(person.status())) return absl::OkStatus();  // Erased.
  if (!person.ok()) return person.status();
  // The consent that covers the lawyer now may be a newer one than at
  // creation: record it too, so that its withdrawal reaches the lawyer.
  RETURN_IF_ERROR(RecordDisclosure(conn, handoff.person_id(), lawyer.id,
                                   consent->id(), handoff.id(), now));
  RETURN_IF_ERROR(Audit(conn, lawyer.id, "person.read", handoff, now));
  *handoff.mutable_identity() = person->identity();
  return absl::OkStatus();
}

void HandoffDesk::Create(const Partner& caller,
                         const v1::CreateHandoffRequest& request,
                         absl::Time deadline, Done<v1::Handoff> done) {
  if (!caller.is_coordinator()) {
    done(absl::PermissionDeniedError(
        "only a coordinator may hand a case to a lawyer"));
    return;
  }
  if (absl::Status s = ValidateCreateHandoff(request); !s.ok()) {
    done(s);
    return;
  }
  const Partner* lawyer = registry_->FindEnabled(request.lawyer());
  if (lawyer == nullptr || !IsLawyer(*lawyer)) {
    done(absl::InvalidArgumentError(
        "lawyer: not a registered, enabled legal_counsel partner"));
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "CreateHandoff", store::RequestHash(request)};
  auto apply = [this, key = std::move(key), request, sender = caller.id,
                lawyer](store::WriteTxn& txn, v1::Handoff& h) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(bool replayed, Replay(conn, key, h));
    if (replayed) return absl::OkStatus();
    auto person = vault_->LoadProfile(conn, request.person_id());
    if (absl::IsNotFound(person.status())) {
      return absl::NotFoundError("person_id: no registered person has it");
    }
    if (!person.ok()) return person.status();
    ASSIGN_OR_RETURN(
        auto consent,
        FindCoveringConsent(conn, request.person_id(), *lawyer, kPurpose));
    if (!consent.has_value()) return MissingConsentError(*lawyer, kPurpose);

    const absl::Time now = clock_->Now();
    const int year = absl::ToCivilYear(now, OsloTimeZone()).year();
    ASSIGN_OR_RETURN(std::string id, AllocateHandoffId(conn, year));
    const v1::PersonProfile& profile = person->profile();
    h.set_id(id);
    h.set_lawyer(lawyer->id);
    h.set_sender(sender);
    h.set_person_id(request.person_id());
    h.set_case_summary(request.case_summary());
    h.set_residence_status(profile.residence_status());
    h.set_exploitation_form(request.exploitation_form());
    if (request.exploitation_form() == v1::EXPLOITATION_FORM_UNSPECIFIED &&
        profile.exploitation_forms_size() == 1) {
      h.set_exploitation_form(profile.exploitation_forms(0));
    }
    *h.mutable_purposes() = request.purposes();
    h.set_granted_quarter_hours(request.granted_quarter_hours() == 0
                                    ? kDefaultGrantedQuarterHours
                                    : request.granted_quarter_hours());
    h.set_used_quarter_hours(0);
    h.set_state(v1::HANDOFF_STATE_OFFERED);
    *h.mutable_created_at() = ToProtoTime(now);
    *h.mutable_updated_at() = ToProtoTime(now);

    RETURN_IF_ERROR(InsertHandoff(conn, h));
    RETURN_IF_ERROR(RecordDisclosure(conn, h.person_id(), lawyer->id,
                                     consent->id(), id, now));
    RETURN_IF_ERROR(Audit(conn, sender, "handoff.create", h, now));
    RETURN_IF_ERROR(Publish(txn, h, now));
    return store::RecordIdempotentResponse(conn, key, h.SerializeAsString(),
                                           now);
  };
  RunOnWriter<v1::Handoff>(*db_, deadline, std::move(apply), std::move(done));
}

void HandoffDesk::RecordEvent(const Partner& caller,
                              const v1::RecordHandoffEventRequest& request,
                              absl::Time deadline, Done<v1::Handoff> done) {
  if (absl::Status s = ValidateRecordHandoffEvent(request, clock_->Now());
      !s.ok()) {
    done(s);
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "RecordHandoffEvent", store::RequestHash(request)};
  auto apply = [this, key = std::move(key), request, caller](
                   store::WriteTxn& txn, v1::Handoff& h) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(bool replayed, Replay(conn, key, h));
    if (replayed) return absl::OkStatus();
    ASSIGN_OR_RETURN(auto loaded, LoadHandoff(conn, request.handoff_id()));
    if (!loaded.has_value() || !CanSeeHandoff(caller, *loaded)) {
      return HandoffNotFound(request.handoff_id());
    }
    h = std::move(*loaded);
    if (caller.id != h.lawyer()) {
      return absl::PermissionDeniedError(
          absl::StrCat("only the lawyer (", h.lawyer(),
                       ") may record events on handoff ", h.id()));
    }
    const absl::Time now = clock_->Now();
    const absl::Time occurred =
        request.has_occurred_at() ? FromProtoTime(request.occurred_at()) : now;
    if (occurred < FromProtoTime(h.created_at())) {
      return absl::InvalidArgumentError(
          "occurred_at: earlier than the handoff was made");
    }
    RETURN_IF_ERROR(ApplyHandoffEvent(h, request.event()));
    v1::HandoffLedgerEntry* entry = h.add_ledger();
    *entry->mutable_event() = request.event();
    entry->set_actor(caller.id);
    *entry->mutable_occurred_at() = ToProtoTime(occurred);
    *entry->mutable_recorded_at() = ToProtoTime(now);
    *h.mutable_updated_at() = ToProtoTime(now);

    RETURN_IF_ERROR(UpdateHandoff(conn, h));
    RETURN_IF_ERROR(Audit(conn, caller.id, "handoff.event", h, now));
    RETURN_IF_ERROR(Publish(txn, h, now));
    return store::RecordIdempotentResponse(conn, key, h.SerializeAsString(),
                                           now);
  };
  RunOnWriter<v1::Handoff>(*db_, deadline, std::move(apply), std::move(done));
}

void HandoffDesk::Get(const Partner& caller,
                      const v1::GetHandoffRequest& request, absl::Time deadline,
                      Done<v1::Handoff> done) {
  if (absl::Status s = ValidateGetHandoff(request); !s.ok()) {
    done(s);
    return;
  }
  const std::string id = request.handoff_id();
  if (!IsLawyer(caller)) {
    // Never identity: read off the writer.
    db_->readers().Submit(
        [caller, id, done = std::move(done)](store::Connection& conn) {
          auto loaded = LoadHandoff(conn, id);
          if (!loaded.ok()) {
            done(loaded.status());
          } else if (!loaded->has_value() || !CanSeeHandoff(caller, **loaded)) {
            done(HandoffNotFound(id));
          } else {
            done(std::move(**loaded));
          }
        });
    return;
  }
  // A lawyer may get identity, whose read is audited: on the writer, so the
  // audit entry commits before the identity leaves.
  auto apply = [this, caller, id](store::WriteTxn& txn,
                                  v1::Handoff& h) -> absl::Status {
    ASSIGN_OR_RETURN(auto loaded, LoadHandoff(txn.conn(), id));
    if (!loaded.has_value() || !CanSeeHandoff(caller, *loaded)) {
      return HandoffNotFound(id);
    }
    h = std::move(*loaded);
    return AddIdentityForLawyer(txn, caller, h, clock_->Now());
  };
  RunOnWriter<v1::Handoff>(*db_, deadline, std::move(apply), std::move(done));
}

void HandoffDesk::List(const Partner& caller,
                       const v1::ListHandoffsRequest& request,
                       absl::Time deadline,
                       Done<v1::ListHandoffsResponse> done) {
  if (absl::Status s = ValidateListHandoffs(request); !s.ok()) {
    done(s);
    return;
  }
  auto after_seq = DecodePageToken(request.page_token());
  if (!after_seq.ok()) {
    done(after_seq.status());
    return;
  }
  HandoffQuery query;
  query.everyone = caller.is_coordinator();
  query.lawyer = caller.id;
  query.after_seq = *after_seq;
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  query.limit = page_size + 1;  // One more tells whether a next page exists.

  // Fills `response` from the rows; `render` may add identity to each.
  auto fill = [page_size](std::vector<HandoffRow>& rows,
                          v1::ListHandoffsResponse& response, auto render) {
    const bool more = rows.size() > static_cast<size_t>(page_size);
    if (more) rows.pop_back();
    for (HandoffRow& row : rows) {
      RETURN_IF_ERROR(render(row.handoff));
      *response.add_handoffs() = std::move(row.handoff);
    }
    if (more) response.set_next_page_token(EncodePageToken(rows.back().seq));
    return absl::OkStatus();
  };

  if (!IsLawyer(caller)) {
    db_->readers().Submit(
        [query, fill, done = std::move(done)](store::Connection& conn) {
          auto rows = QueryHandoffs(conn, query);
          v1::ListHandoffsResponse response;
          absl::Status s = rows.status();
          if (s.ok()) {
            s = fill(*rows, response,
                     [](v1::Handoff&) { return absl::OkStatus(); });
          }
          if (!s.ok()) {
            done(s);
          } else {
            done(std::move(response));
          }
        });
    return;
  }
  auto apply = [this, caller, query, fill](
                   store::WriteTxn& txn,
                   v1::ListHandoffsResponse& response) -> absl::Status {
    ASSIGN_OR_RETURN(auto rows, QueryHandoffs(txn.conn(), query));
    const absl::Time now = clock_->Now();
    return fill(rows, response, [&](v1::Handoff& h) {
      return AddIdentityForLawyer(txn, caller, h, now);
    });
  };
  RunOnWriter<v1::ListHandoffsResponse>(*db_, deadline, std::move(apply),
                                        std::move(done));
}

}  // namespace rosa
