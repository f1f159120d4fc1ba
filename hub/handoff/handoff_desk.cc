#include "hub/handoff/handoff_desk.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/audit/actor.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/handoff/handoff_ledger.h"
#include "hub/handoff/handoff_store.h"
#include "hub/journal/police_report_feed.h"
#include "hub/outbox/free_text.h"
#include "hub/store/apply_command.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"
#include "hub/store/page_token.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

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

// The handoff `id` with its free text, if `caller` may see it; otherwise
// HandoffNotFound, for a missing handoff and one the caller may not see
// alike, and in both cases nothing sealed is opened.
absl::StatusOr<v1::Handoff> LoadVisibleHandoff(store::Connection& conn,
                                               const SealedTexts& texts,
                                               const Partner& caller,
                                               const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<v1::Handoff> handoff,
                   LoadHandoffRow(conn, id));
  if (!handoff.has_value() || !CanSeeHandoff(caller, *handoff)) {
    return HandoffNotFound(id);
  }
  RETURN_IF_ERROR(PutBackFreeText(conn, texts, *handoff));
  return *std::move(handoff);
}

bool IsLawyer(const Partner& caller) {
  return caller.kind == v1::PARTNER_KIND_LEGAL_COUNSEL;
}

absl::Status Audit(store::Connection& conn, const audit::Actor& actor,
                   const char* action, const v1::Handoff& handoff,
                   absl::Time now) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action(action);
  entry.set_object_id(handoff.id());
  entry.set_person_id(handoff.person_id());
  entry.set_purpose(kPurpose);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

// A handoff as recorded for replays: without its free text, which stays
// sealed in the text vault only (a replay puts it back: PutBackFreeText).
v1::Handoff WithoutFreeText(v1::Handoff handoff) {
  TakeFreeText(handoff);
  return handoff;
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
  RETURN_IF_ERROR(
      Audit(conn, audit::ActorOf(lawyer), "person.read", handoff, now));
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
  auto apply = [this, request, sender = caller.id, who = audit::ActorOf(caller),
                lawyer](store::WriteTxn& txn, const store::IdempotencyKey& key,
                        v1::Handoff& h) -> absl::Status {
    store::Connection& conn = txn.conn();
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

    RETURN_IF_ERROR(InsertHandoff(conn, vault_->texts(), h));
    RETURN_IF_ERROR(RecordDisclosure(conn, h.person_id(), lawyer->id,
                                     consent->id(), id, now));
    RETURN_IF_ERROR(Audit(conn, who, "handoff.create", h, now));
    RETURN_IF_ERROR(Publish(txn, h, now));
    return store::RecordIdempotentResponse(
        conn, key, WithoutFreeText(h).SerializeAsString(), now);
  };
  store::SubmitIdempotent<v1::Handoff>(
      db_->writer(),
      store::IdempotencyKey{caller.id, request.idempotency_key(),
                            "CreateHandoff", db_->RequestHash(request)},
      std::move(apply), deadline, std::move(done),
      [this](store::WriteTxn& txn, v1::Handoff& replayed) {
        return PutBackFreeText(txn.conn(), vault_->texts(), replayed);
      });
}

absl::StatusOr<v1::Handoff> HandoffDesk::ApplyRecordEvent(
    store::WriteTxn& txn, const Partner& caller,
    const v1::RecordHandoffEventRequest& request) {
  RETURN_IF_ERROR(ValidateRecordHandoffEventCommand(request, clock_->Now()));
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "RecordHandoffEvent", ""};
  if (!key.key.empty()) key.request_hash = db_->RequestHash(request);
  auto apply = [this, &caller, &request](store::WriteTxn& txn,
                                         const store::IdempotencyKey& key,
                                         v1::Handoff& h) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(h, LoadVisibleHandoff(conn, vault_->texts(), caller,
                                           request.handoff_id()));
    // The gateway passes the partner a payload came from; it must still be
    // the registered, enabled lawyer, as the server checks a certificate.
    if (caller.id != h.lawyer() ||
        registry_->FindEnabled(caller.id) == nullptr) {
      return absl::PermissionDeniedError(
          absl::StrCat("only the lawyer (", h.lawyer(),
                       ") may record events on handoff ", h.id()));
    }
    const absl::Time now = clock_->Now();
    const absl::Time occurred =
        request.has_occurred_at() ? FromProtoTime(request.occurred_at()) : now;
    if (BeforeAtMinuteResolution(occurred, FromProtoTime(h.created_at()))) {
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

    RETURN_IF_ERROR(UpdateHandoff(conn, vault_->texts(), h));
    RETURN_IF_ERROR(
        Audit(conn, audit::ActorOf(caller), "handoff.event", h, now));
    if (request.event().has_report_filed()) {
      // The police report enters ROSA's journal with the event.
      RETURN_IF_ERROR(RecordFiledPoliceReport(
          conn, h.person_id(), caller.id,
          request.event().report_filed().offence(), occurred, now));
    }
    RETURN_IF_ERROR(Publish(txn, h, now));
    return store::RecordKeyedResponse(conn, key, WithoutFreeText(h), now);
  };
  return store::ApplyKeyed<v1::Handoff>(
      txn, key, apply, [this](store::WriteTxn& txn, v1::Handoff& replayed) {
        return PutBackFreeText(txn.conn(), vault_->texts(), replayed);
      });
}

void HandoffDesk::RecordEvent(const Partner& caller,
                              const v1::RecordHandoffEventRequest& request,
                              absl::Time deadline, Done<v1::Handoff> done) {
  // Refused here already, off the writer; ApplyRecordEvent checks again on
  // it, at the time it applies. The RPC requires an idempotency key.
  if (absl::Status s = ValidateRecordHandoffEvent(request, clock_->Now());
      !s.ok()) {
    done(s);
    return;
  }
  store::SubmitApply<v1::Handoff>(
      db_->writer(),
      [this, caller, request](store::WriteTxn& txn) {
        return ApplyRecordEvent(txn, caller, request);
      },
      deadline, std::move(done));
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
    db_->readers().Submit([caller, id, texts = &vault_->texts(),
                           done = std::move(done)](store::Connection& conn) {
      auto loaded = LoadVisibleHandoff(conn, *texts, caller, id);
      if (!loaded.ok()) {
        done(loaded.status());
      } else {
        done(*std::move(loaded));
      }
    });
    return;
  }
  // A lawyer may get identity, whose read is audited: on the writer, so the
  // audit entry commits before the identity leaves.
  auto apply = [this, caller,
                id](store::WriteTxn& txn) -> absl::StatusOr<v1::Handoff> {
    ASSIGN_OR_RETURN(
        v1::Handoff h,
        LoadVisibleHandoff(txn.conn(), vault_->texts(), caller, id));
    RETURN_IF_ERROR(AddIdentityForLawyer(txn, caller, h, clock_->Now()));
    return h;
  };
  store::SubmitApply<v1::Handoff>(db_->writer(), std::move(apply), deadline,
                                  std::move(done));
}

void HandoffDesk::List(const Partner& caller,
                       const v1::ListHandoffsRequest& request,
                       absl::Time deadline,
                       Done<v1::ListHandoffsResponse> done) {
  if (absl::Status s = ValidateListHandoffs(request); !s.ok()) {
    done(s);
    return;
  }
  auto after_seq = store::DecodePageToken(request.page_token());
  if (!after_seq.ok()) {
    done(after_seq.status());
    return;
  }
  HandoffQuery query;
  query.everyone = caller.is_coordinator();
  query.lawyer = caller.id;
  query.after_seq = *after_seq;
  int page_size = store::PageSizeOrDefault(request.page_size());
  // A lawyer's page carries identity, each row an audited read on the
  // writer: bounded, so that one lawyer cannot hold the writer for long.
  if (IsLawyer(caller)) {
    page_size = std::min(page_size, store::kMaxIdentityPageSize);
  }
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
    if (more) {
      response.set_next_page_token(store::EncodePageToken(rows.back().seq));
    }
    return absl::OkStatus();
  };

  if (!IsLawyer(caller)) {
    db_->readers().Submit([query, fill, texts = &vault_->texts(),
                           done = std::move(done)](store::Connection& conn) {
      auto rows = QueryHandoffs(conn, *texts, query);
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
  auto apply =
      [this, caller, query,
       fill](store::WriteTxn& txn) -> absl::StatusOr<v1::ListHandoffsResponse> {
    ASSIGN_OR_RETURN(auto rows,
                     QueryHandoffs(txn.conn(), vault_->texts(), query));
    const absl::Time now = clock_->Now();
    v1::ListHandoffsResponse response;
    RETURN_IF_ERROR(fill(rows, response, [&](v1::Handoff& h) {
      return AddIdentityForLawyer(txn, caller, h, now);
    }));
    return response;
  };
  store::SubmitApply<v1::ListHandoffsResponse>(db_->writer(), std::move(apply),
                                               deadline, std::move(done));
}

}  // namespace rosa
