// The consent book over the consents and identity_disclosures tables. A
// consent's full record is its protobuf body; withdrawn_us mirrors
// withdrawn_at so that live consents can be found without parsing.
#include "hub/consent/consent_book.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

absl::StatusOr<v1::Consent> ParseConsent(const std::string& blob) {
  v1::Consent consent;
  if (!consent.ParseFromString(blob)) {
    return absl::DataLossError("a stored consent does not parse");
  }
  return consent;
}

// Oldest first; the id breaks ties so that the order is total.
bool GivenBefore(const v1::Consent& a, const v1::Consent& b) {
  return std::make_tuple(a.given_at().seconds(), a.given_at().nanos(), a.id()) <
         std::make_tuple(b.given_at().seconds(), b.given_at().nanos(), b.id());
}

}  // namespace

std::string ConsentPurposeName(v1::ConsentPurpose purpose) {
  switch (purpose) {
    case v1::CONSENT_PURPOSE_REGISTRATION:
      return "registration";
    case v1::CONSENT_PURPOSE_PLACEMENT:
      return "placement";
    case v1::CONSENT_PURPOSE_LEGAL_COUNSELLING:
      return "legal_counselling";
    case v1::CONSENT_PURPOSE_ASSISTED_RETURN:
      return "assisted_return";
    case v1::CONSENT_PURPOSE_STATISTICS:
      return "statistics";
    default:
      return "unspecified";
  }
}

bool ConsentCovers(const v1::Consent& consent, const Partner& recipient,
                   v1::ConsentPurpose purpose) {
  if (consent.has_withdrawn_at() || consent.purpose() != purpose) return false;
  switch (consent.scope().recipient_case()) {
    case v1::ConsentScope::kPartnerId:
      return consent.scope().partner_id() == recipient.id;
    case v1::ConsentScope::kPartnerKind:
      return consent.scope().partner_kind() != v1::PARTNER_KIND_UNSPECIFIED &&
             consent.scope().partner_kind() == recipient.kind;
    default:
      return false;  // A registration consent lets nobody receive identity.
  }
}

absl::StatusOr<std::optional<v1::Consent>> FindCoveringConsent(
    store::Connection& conn, const std::string& person_id,
    const Partner& recipient, v1::ConsentPurpose purpose) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("SELECT body FROM consents"
                   " WHERE person_id = ?1 AND withdrawn_us IS NULL"));
  stmt->Bind(1, person_id);
  std::optional<v1::Consent> best;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(v1::Consent consent, ParseConsent(stmt->ColumnBlob(0)));
    if (!ConsentCovers(consent, recipient, purpose)) continue;
    if (!best.has_value() || GivenBefore(consent, *best)) {
      best = std::move(consent);
    }
  }
  return best;
}

absl::Status MissingConsentError(const Partner& recipient,
                                 v1::ConsentPurpose purpose) {
  return absl::FailedPreconditionError(
      absl::StrCat("no consent covers sharing identity with ", recipient.id,
                   " for ", ConsentPurposeName(purpose)));
}

absl::Status RecordDisclosure(store::Connection& conn,
                              const std::string& person_id,
                              const std::string& partner,
                              const std::string& consent_id,
                              const std::string& object_id, absl::Time now) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT OR IGNORE INTO identity_disclosures"
                   "(person_id, partner, consent_id, object_id, at_us)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)"));
  stmt->Bind(1, person_id)
      .Bind(2, partner)
      .Bind(3, consent_id)
      .Bind(4, object_id)
      .Bind(5, ToUnixMicrosStored(now));
  return stmt->Run();
}

absl::Status InsertConsent(store::Connection& conn,
                           const v1::Consent& consent) {
  ASSIGN_OR_RETURN(
      auto stmt, conn.Prepare("INSERT INTO consents(id, person_id,"
                              " withdrawn_us, body) VALUES (?1, ?2, ?3, ?4)"));
  stmt->Bind(1, consent.id()).Bind(2, consent.person_id());
  if (consent.has_withdrawn_at()) {
    stmt->Bind(3, ToUnixMicrosStored(FromProtoTime(consent.withdrawn_at())));
  } else {
    stmt->BindNull(3);
  }
  stmt->BindBlob(4, consent.SerializeAsString());
  return stmt->Run();
}

absl::StatusOr<std::optional<v1::Consent>> LoadConsent(
    store::Connection& conn, const std::string& consent_id) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT body FROM consents WHERE id = ?1"));
  stmt->Bind(1, consent_id);
  ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::nullopt;
  ASSIGN_OR_RETURN(v1::Consent consent, ParseConsent(stmt->ColumnBlob(0)));
  return consent;
}

absl::Status MarkConsentWithdrawn(store::Connection& conn, v1::Consent& consent,
                                  absl::Time now) {
  *consent.mutable_withdrawn_at() = ToProtoTime(now);
  ASSIGN_OR_RETURN(
      auto stmt, conn.Prepare("UPDATE consents SET withdrawn_us = ?2, body = ?3"
                              " WHERE id = ?1 AND withdrawn_us IS NULL"));
  stmt->Bind(1, consent.id())
      .Bind(2, ToUnixMicrosStored(now))
      .BindBlob(3, consent.SerializeAsString());
  RETURN_IF_ERROR(stmt->Run());
  if (conn.changes() != 1) {
    return absl::InternalError("consent row was not updated");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Consent>> ListPersonConsents(
    store::Connection& conn, const std::string& person_id) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("SELECT body FROM consents WHERE person_id = ?1"));
  stmt->Bind(1, person_id);
  std::vector<v1::Consent> consents;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(v1::Consent consent, ParseConsent(stmt->ColumnBlob(0)));
    consents.push_back(std::move(consent));
  }
  std::sort(consents.begin(), consents.end(), GivenBefore);
  return consents;
}

absl::StatusOr<std::map<std::string, std::vector<std::string>>>
DisclosuresUnderConsent(store::Connection& conn,
                        const std::string& consent_id) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("SELECT partner, object_id FROM identity_disclosures"
                   " WHERE consent_id = ?1 ORDER BY partner, object_id"));
  stmt->Bind(1, consent_id);
  std::map<std::string, std::vector<std::string>> by_partner;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    by_partner[stmt->ColumnText(0)].push_back(stmt->ColumnText(1));
  }
  return by_partner;
}

absl::Status NotifyConsentWithdrawn(store::WriteTxn& txn, Outbox& outbox,
                                    const v1::Consent& consent,
                                    absl::Time now) {
  ASSIGN_OR_RETURN(auto recipients,
                   DisclosuresUnderConsent(txn.conn(), consent.id()));
  for (auto& [partner, object_ids] : recipients) {
    v1::Event event;
    v1::ConsentWithdrawnEvent* body = event.mutable_consent_withdrawn();
    body->set_person_id(consent.person_id());
    body->set_consent_id(consent.id());
    for (std::string& id : object_ids) body->add_object_ids(std::move(id));
    ASSIGN_OR_RETURN(uint64_t cursor,
                     outbox.Append(txn, partner, std::move(event), now));
    (void)cursor;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> PersonExists(store::Connection& conn,
                                  const std::string& person_id) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT 1 FROM persons WHERE id = ?1"));
  stmt->Bind(1, person_id);
  return stmt->Step();
}

}  // namespace rosa
