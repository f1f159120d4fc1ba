#include "hub/referral/referral_desk.h"

#include <memory>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "hub/common/status_macros.h"
#include "hub/common/time_util.h"
#include "hub/referral/referral_access.h"
#include "hub/referral/referral_state_machine.h"
#include "hub/referral/referral_store.h"
#include "hub/referral/referral_validator.h"
#include "hub/store/idempotency.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr int kDefaultPageSize = 50;
constexpr char kPageTokenPrefix[] = "v1.";

// The same answer whether the referral does not exist or the caller may not
// see it, so that nobody can probe for other partners' referrals.
absl::Status ReferralNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("referral ", id, " not found"));
}

std::string EncodePageToken(int64_t seq) {
  return absl::StrCat(kPageTokenPrefix, seq);
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token) {
  if (token.empty()) return 0;
  int64_t seq = 0;
  if (!absl::ConsumePrefix(&token, kPageTokenPrefix) ||
      !absl::SimpleAtoi(token, &seq) || seq < 0) {
    return absl::InvalidArgumentError(
        "page_token: not a token this hub handed out");
  }
  return seq;
}

absl::Status CheckSide(const Partner& caller, const v1::Referral& referral,
                       v1::ReferralState target) {
  if (SideThatMovesTo(target) == ReferralSide::kSender) {
    if (caller.id != referral.sender()) {
      return absl::PermissionDeniedError(absl::StrCat(
          "only the sender (", referral.sender(), ") may cancel referral ",
          referral.id()));
    }
  } else if (caller.id != referral.recipient()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only the recipient (", referral.recipient(),
        ") may move referral ", referral.id(), " to ",
        ReferralStateName(target)));
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

}  // namespace

ReferralDesk::ReferralDesk(const PartnerRegistry* registry,
                           store::Database* db, Outbox* outbox,
                           const Clock* clock)
    : registry_(registry), db_(db), outbox_(outbox), clock_(clock) {}

absl::Status ReferralDesk::CheckRecipient(
    const Partner& caller, const v1::SubmitReferralRequest& request) {
  const Partner* recipient = registry_->FindEnabled(request.recipient());
  if (recipient == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "recipient: '", request.recipient(),
        "' is not a registered, enabled partner"));
  }
  if (recipient->id == caller.id) {
    return absl::InvalidArgumentError(
        "recipient: a partner cannot refer to itself");
  }
  if (!KindHandlesType(recipient->kind, request.type())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "recipient: '", recipient->id, "' is ",
        PartnerKindName(recipient->kind), " and does not take ",
        ReferralTypeName(request.type()), " referrals"));
  }
  return absl::OkStatus();
}

absl::Status ReferralDesk::Publish(store::WriteTxn& txn,
                                   const v1::Referral& referral,
                                   bool submitted, absl::Time now) {
  v1::Event event;
  v1::ReferralEvent* body = event.mutable_referral();
  body->set_kind(submitted ? v1::ReferralEvent::KIND_SUBMITTED
                           : v1::ReferralEvent::KIND_STATUS_CHANGED);
  *body->mutable_referral() = referral;
  *body->mutable_transition() = *referral.history().rbegin();
  for (const std::string& partner : ReferralAudience(*registry_, referral)) {
    ASSIGN_OR_RETURN(uint64_t cursor, outbox_->Append(txn, partner, event, now));
    (void)cursor;
  }
  return absl::OkStatus();
}

void ReferralDesk::Submit(const Partner& caller,
                          const v1::SubmitReferralRequest& request,
                          absl::Time deadline,
                          Done<v1::SubmitReferralResponse> done) {
  absl::Status valid = ValidateSubmitReferral(request);
  if (valid.ok()) valid = CheckAdultsOnly(request.facts());
  if (valid.ok()) valid = CheckRecipient(caller, request);
  if (!valid.ok()) {
    done(valid);
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "SubmitReferral", store::RequestHash(request)};
  auto result = std::make_shared<v1::SubmitReferralResponse>();
  auto apply = [this, key = std::move(key), request, sender = caller.id,
                result](store::WriteTxn& txn) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(auto prior, store::FindIdempotentResponse(conn, key));
    if (prior.has_value()) {
      if (!result->ParseFromString(*prior)) {
        return absl::DataLossError("stored idempotent response does not parse");
      }
      result->set_replayed(true);
      return absl::OkStatus();
    }
    const absl::Time now = clock_->Now();
    const int year = absl::ToCivilYear(now, OsloTimeZone()).year();
    ASSIGN_OR_RETURN(std::string id, AllocateReferralId(conn, year));

    v1::Referral& r = *result->mutable_referral();
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

    RETURN_IF_ERROR(InsertReferral(conn, r));
    RETURN_IF_ERROR(Publish(txn, r, /*submitted=*/true, now));
    return store::RecordIdempotentResponse(conn, key, result->SerializeAsString(),
                                           now);
  };
  db_->writer().Submit(store::WriteOp{
      std::move(apply),
      [result, done = std::move(done)](absl::Status status) {
        if (!status.ok()) {
          done(status);
        } else {
          done(std::move(*result));
        }
      },
      deadline});
}

void ReferralDesk::UpdateStatus(const Partner& caller,
                                const v1::UpdateReferralStatusRequest& request,
                                absl::Time deadline,
                                Done<v1::Referral> done) {
  if (absl::Status s = ValidateUpdateReferralStatus(request, clock_->Now());
      !s.ok()) {
    done(s);
    return;
  }
  store::IdempotencyKey key{caller.id, request.idempotency_key(),
                            "UpdateReferralStatus",
                            store::RequestHash(request)};
  auto result = std::make_shared<v1::Referral>();
  auto apply = [this, key = std::move(key), request, caller,
                result](store::WriteTxn& txn) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(auto prior, store::FindIdempotentResponse(conn, key));
    if (prior.has_value()) {
      if (!result->ParseFromString(*prior)) {
        return absl::DataLossError("stored idempotent response does not parse");
      }
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(auto loaded, LoadReferral(conn, request.referral_id()));
    if (!loaded.has_value() || !CanSeeReferral(caller, *loaded)) {
      return ReferralNotFound(request.referral_id());
    }
    v1::Referral& r = *result;
    r = std::move(*loaded);
    RETURN_IF_ERROR(CheckSide(caller, r, request.target()));
    if (IsRepeatOfLastStep(caller, r, request)) return absl::OkStatus();
    if (absl::Status s = CheckTransition(r.state(), request.target());
        !s.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("referral ", r.id(), ": ", s.message()));
    }
    const absl::Time now = clock_->Now();
    const absl::Time occurred =
        request.has_occurred_at() ? FromProtoTime(request.occurred_at()) : now;
    if (occurred < FromProtoTime(r.history().rbegin()->occurred_at())) {
      return absl::InvalidArgumentError(
          "occurred_at: earlier than the referral's previous step");
    }
    v1::Transition* t = r.add_history();
    t->set_from(r.state());
    t->set_to(request.target());
    t->set_actor(caller.id);
    *t->mutable_occurred_at() = ToProtoTime(occurred);
    *t->mutable_recorded_at() = ToProtoTime(now);
    t->set_reason(request.reason());
    if (request.has_nights_stayed()) t->set_nights_stayed(request.nights_stayed());
    r.set_state(request.target());
    *r.mutable_updated_at() = ToProtoTime(now);
    r.set_version(r.version() + 1);

    RETURN_IF_ERROR(UpdateReferral(conn, r));
    RETURN_IF_ERROR(Publish(txn, r, /*submitted=*/false, now));
    return store::RecordIdempotentResponse(conn, key, r.SerializeAsString(),
                                           now);
  };
  db_->writer().Submit(store::WriteOp{
      std::move(apply),
      [result, done = std::move(done)](absl::Status status) {
        if (!status.ok()) {
          done(status);
        } else {
          done(std::move(*result));
        }
      },
      deadline});
}

void ReferralDesk::Get(const Partner& caller,
                       const v1::GetReferralRequest& request,
                       Done<v1::Referral> done) {
  if (absl::Status s = ValidateGetReferral(request); !s.ok()) {
    done(s);
    return;
  }
  db_->readers().Submit([caller, id = request.referral_id(),
                         done = std::move(done)](store::Connection& conn) {
    auto loaded = LoadReferral(conn, id);
    if (!loaded.ok()) {
      done(loaded.status());
    } else if (!loaded->has_value() || !CanSeeReferral(caller, **loaded)) {
      done(ReferralNotFound(id));
    } else {
      done(std::move(**loaded));
    }
  });
}

void ReferralDesk::List(const Partner& caller,
                        const v1::ListReferralsRequest& request,
                        Done<v1::ListReferralsResponse> done) {
  if (absl::Status s = ValidateListReferrals(request); !s.ok()) {
    done(s);
    return;
  }
  auto after_seq = DecodePageToken(request.page_token());
  if (!after_seq.ok()) {
    done(after_seq.status());
    return;
  }
  ReferralQuery query;
  query.partner = caller.id;
  query.everyone = caller.is_coordinator() &&
                   request.role() == v1::REFERRAL_ROLE_UNSPECIFIED;
  query.sent = request.role() != v1::REFERRAL_ROLE_RECEIVED;
  query.received = request.role() != v1::REFERRAL_ROLE_SENT;
  query.state = request.state();
  query.type = request.type();
  if (request.has_updated_since()) {
    query.updated_since = FromProtoTime(request.updated_since());
  }
  query.after_seq = *after_seq;
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  query.limit = page_size + 1;  // One more tells whether a next page exists.

  db_->readers().Submit([query, page_size,
                         done = std::move(done)](store::Connection& conn) {
    auto rows = QueryReferrals(conn, query);
    if (!rows.ok()) {
      done(rows.status());
      return;
    }
    v1::ListReferralsResponse response;
    const bool more = rows->size() > static_cast<size_t>(page_size);
    if (more) rows->pop_back();
    for (ReferralRow& row : *rows) {
      *response.add_referrals() = std::move(row.referral);
    }
    if (more) response.set_next_page_token(EncodePageToken(rows->back().seq));
    done(std::move(response));
  });
}

}  // namespace rosa
