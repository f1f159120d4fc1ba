#include "hub/referral/submit_rights.h"

#include <algorithm>
#include <span>

#include "absl/strings/str_cat.h"
#include "hub/referral/referral_state_machine.h"
#include "hub/referral/referral_store.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr PartnerKind kCoordinator[] = {v1::PARTNER_KIND_COORDINATOR};
constexpr PartnerKind kLegalCounsel[] = {v1::PARTNER_KIND_LEGAL_COUNSEL};
constexpr PartnerKind kAssistedReturn[] = {v1::PARTNER_KIND_ASSISTED_RETURN};
constexpr PartnerKind kPlacementFacilities[] = {
    v1::PARTNER_KIND_SHELTER, v1::PARTNER_KIND_SAFE_HOUSE,
    v1::PARTNER_KIND_REINFORCED_HOUSING};
constexpr PartnerKind kEveryKind[] = {
    v1::PARTNER_KIND_COORDINATOR,     v1::PARTNER_KIND_SHELTER,
    v1::PARTNER_KIND_SAFE_HOUSE,      v1::PARTNER_KIND_REINFORCED_HOUSING,
    v1::PARTNER_KIND_ASSISTED_RETURN, v1::PARTNER_KIND_LEGAL_COUNSEL};

struct SubmitRule {
  v1::ReferralType type;
  std::span<const PartnerKind> recipients;
  std::span<const PartnerKind> senders;
  SubmitRight right;
};

// The table of submit_rights.h, row by row.
constexpr SubmitRule kSubmitRules[] = {
    {v1::REFERRAL_TYPE_LEGAL_COUNSEL, kLegalCounsel, kCoordinator,
     SubmitRight::kAlways},
    {v1::REFERRAL_TYPE_ASSISTED_RETURN, kAssistedReturn, kCoordinator,
     SubmitRight::kAlways},
    {v1::REFERRAL_TYPE_PLACEMENT, kPlacementFacilities, kCoordinator,
     SubmitRight::kAlways},
    {v1::REFERRAL_TYPE_PLACEMENT, kPlacementFacilities, kPlacementFacilities,
     SubmitRight::kIfHosting},
    {v1::REFERRAL_TYPE_ASSISTANCE, kCoordinator, kEveryKind,
     SubmitRight::kAlways},
};

// The state in which a placement referral's recipient hosts the person.
constexpr v1::ReferralState kHostingState = v1::REFERRAL_STATE_IN_PROGRESS;
constexpr int kHostingPageSize = 200;

bool Has(std::span<const PartnerKind> kinds, PartnerKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

}  // namespace

SubmitRight SubmitRightFor(PartnerKind sender, v1::ReferralType type,
                           PartnerKind recipient) {
  for (const SubmitRule& rule : kSubmitRules) {
    if (rule.type == type && Has(rule.recipients, recipient) &&
        Has(rule.senders, sender)) {
      return rule.right;
    }
  }
  return SubmitRight::kNone;
}

absl::Status CheckSubmitRight(const Partner& sender, v1::ReferralType type,
                              const Partner& recipient) {
  if (SubmitRightFor(sender.kind, type, recipient.kind) != SubmitRight::kNone) {
    return absl::OkStatus();
  }
  std::string who;
  for (PartnerKind kind : kEveryKind) {
    if (SubmitRightFor(kind, type, recipient.kind) == SubmitRight::kNone) {
      continue;
    }
    if (!who.empty()) who += ", ";
    who += std::string(PartnerKindName(kind));
  }
  return absl::PermissionDeniedError(absl::StrCat(
      "type: ", sender.id, " (kind ", PartnerKindName(sender.kind),
      ") may not send ", ReferralTypeName(type),
      " referrals to a partner of kind ", PartnerKindName(recipient.kind), "; ",
      who.empty() ? "no partner may"
                  : absl::StrCat("only kind ", who, " may")));
}

absl::Status NotHostingError(const Partner& sender) {
  return absl::PermissionDeniedError(
      absl::StrCat("person_ref: ", sender.id,
                   " may send a placement referral only for a person it "
                   "hosts (the recipient of a placement referral about "
                   "this person in progress); ask ROSA to refer the person"));
}

absl::StatusOr<bool> SenderHosts(store::Connection& conn,
                                 const std::string& sender,
                                 const std::string& person_ref) {
  ReferralQuery query;
  query.partner = sender;
  query.sent = false;
  query.received = true;
  query.type = v1::REFERRAL_TYPE_PLACEMENT;
  query.state = kHostingState;
  query.limit = kHostingPageSize;
  for (;;) {
    absl::StatusOr<std::vector<ReferralRow>> rows = QueryReferralsWithoutNotes(conn, query);
    if (!rows.ok()) return rows.status();
    for (const ReferralRow& row : *rows) {
      if (row.referral.person_ref() == person_ref) return true;
    }
    if (static_cast<int>(rows->size()) < query.limit) return false;
    query.after_seq = rows->back().seq;
  }
}

}  // namespace rosa
