// ReferralDesk's queries: GetReferral and ListReferrals. A recipient that
// may see the person's identity (legal counsel, assisted return, under a
// live consent) reads through the writer, so that the audit entry for that
// read commits before any identity leaves the hub; every other read runs on
// a reader thread.
#include <memory>
#include <utility>

#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/person/person_vault.h"
#include "hub/referral/minimisation.h"
#include "hub/referral/referral_access.h"
#include "hub/referral/referral_desk.h"
#include "hub/referral/referral_desk_internal.h"
#include "hub/referral/referral_state_machine.h"
#include "hub/referral/referral_store.h"
#include "hub/referral/referral_validator.h"
#include "hub/referral/referral_view.h"
#include "hub/store/page_token.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// True when `caller` may receive identity with `referral`, consent aside:
// its recipient, while the referral is open. A recipient that rejected it,
// or whose referral was cancelled or completed, needs identity no more.
bool MayCarryIdentity(const Partner& caller, const v1::Referral& referral) {
  return caller.id == referral.recipient() &&
         IdentityPurpose(referral.type()) != v1::CONSENT_PURPOSE_UNSPECIFIED &&
         !IsTerminal(referral.state());
}

}  // namespace

void ReferralDesk::Get(const Partner& caller,
                       const v1::GetReferralRequest& request,
                       Done<v1::Referral> done) {
  if (absl::Status s = ValidateGetReferral(request); !s.ok()) {
    done(s);
    return;
  }
  db_->readers().Submit([this, caller, id = request.referral_id(),
                         done = std::move(done)](store::Connection& conn) {
    auto loaded =
        internal::LoadVisibleReferral(conn, vault_->texts(), caller, id);
    if (!loaded.ok()) {
      done(loaded.status());
    } else if (MayCarryIdentity(caller, *loaded)) {
      GetWithIdentity(caller, id, std::move(done));
    } else {
      done(ViewFor(caller, *loaded, nullptr));
    }
  });
}

void ReferralDesk::GetWithIdentity(const Partner& caller, const std::string& id,
                                   Done<v1::Referral> done) {
  auto view = std::make_shared<v1::Referral>();
  auto apply = [this, caller, id, view](store::WriteTxn& txn) -> absl::Status {
    store::Connection& conn = txn.conn();
    ASSIGN_OR_RETURN(
        const v1::Referral loaded,
        internal::LoadVisibleReferral(conn, vault_->texts(), caller, id));
    if (!MayCarryIdentity(caller, loaded)) {  // Closed since the first read.
      *view = ViewFor(caller, loaded, nullptr);
      return absl::OkStatus();
    }
    const v1::ConsentPurpose purpose = IdentityPurpose(loaded.type());
    // Consent is checked at every read: a withdrawal stops identity at once.
    ASSIGN_OR_RETURN(
        auto consent,
        FindCoveringConsent(conn, loaded.person_ref(), caller, purpose));
    if (!consent.has_value()) {
      *view = ViewFor(caller, loaded, nullptr);
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(v1::Person person,
                     vault_->Load(conn, loaded.person_ref()));
    const absl::Time now = clock_->Now();
    RETURN_IF_ERROR(internal::AuditReferral(
        conn, "person.read", audit::ActorOf(caller), loaded, now, purpose));
    RETURN_IF_ERROR(RecordDisclosure(conn, loaded.person_ref(), caller.id,
                                     consent->id(), loaded.id(), now));
    *view = ViewFor(caller, loaded, &person.identity());
    return absl::OkStatus();
  };
  db_->writer().Submit(
      store::WriteOp{std::move(apply),
                     [view, done = std::move(done)](absl::Status status) {
                       if (status.ok()) {
                         done(std::move(*view));
                       } else {
                         done(status);
                       }
                     },
                     absl::InfiniteFuture()});
}

void ReferralDesk::List(const Partner& caller,
                        const v1::ListReferralsRequest& request,
                        Done<v1::ListReferralsResponse> done) {
  if (absl::Status s = ValidateListReferrals(request); !s.ok()) {
    done(s);
    return;
  }
  auto after_seq = store::DecodePageToken(request.page_token());
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
  const int page_size = store::PageSizeOrDefault(request.page_size());
  query.limit = page_size + 1;  // One more tells whether a next page exists.

  db_->readers().Submit([caller, query, page_size, texts = &vault_->texts(),
                         done = std::move(done)](store::Connection& conn) {
    auto rows = QueryReferrals(conn, *texts, query);
    if (!rows.ok()) {
      done(rows.status());
      return;
    }
    v1::ListReferralsResponse response;
    const bool more = rows->size() > static_cast<size_t>(page_size);
    if (more) rows->pop_back();
    // Lists never carry identity; GetReferral does, audited.
    for (const ReferralRow& row : *rows) {
      *response.add_referrals() = ViewFor(caller, row.referral, nullptr);
    }
    if (more) {
      response.set_next_page_token(store::EncodePageToken(rows->back().seq));
    }
    done(std::move(response));
  });
}

}  // namespace rosa
