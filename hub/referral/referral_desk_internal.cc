#include "hub/referral/referral_desk_internal.h"

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"
#include "hub/referral/referral_access.h"
#include "hub/referral/referral_store.h"
#include "hub/referral/submit_rights.h"

namespace rosa::internal {

namespace v1 = rosa::hub::v1;

absl::Status ReferralNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("referral ", id, " not found"));
}

absl::StatusOr<rosa::hub::v1::Referral> LoadVisibleReferral(
    store::Connection& conn, const SealedTexts& texts, const Partner& caller,
    const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<rosa::hub::v1::Referral> referral,
                   LoadReferralRow(conn, id));
  if (!referral.has_value() || !CanSeeReferral(caller, *referral)) {
    return ReferralNotFound(id);
  }
  RETURN_IF_ERROR(PutBackFreeText(conn, texts, *referral));
  return *std::move(referral);
}

namespace {

// The purpose a referral of `type` serves, for its audit entries.
v1::ConsentPurpose PurposeOf(v1::ReferralType type) {
  switch (type) {
    case v1::REFERRAL_TYPE_PLACEMENT:
      return v1::CONSENT_PURPOSE_PLACEMENT;
    case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
      return v1::CONSENT_PURPOSE_LEGAL_COUNSELLING;
    case v1::REFERRAL_TYPE_ASSISTED_RETURN:
      return v1::CONSENT_PURPOSE_ASSISTED_RETURN;
    default:
      return v1::CONSENT_PURPOSE_UNSPECIFIED;
  }
}

}  // namespace

absl::Status AuditReferral(store::Connection& conn, const char* action,
                           const audit::Actor& actor,
                           const v1::Referral& referral, absl::Time now,
                           v1::ConsentPurpose purpose) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action(action);
  entry.set_object_id(referral.id());
  entry.set_person_id(referral.person_ref());
  if (purpose == v1::CONSENT_PURPOSE_UNSPECIFIED) {
    purpose = PurposeOf(referral.type());
  }
  entry.set_purpose(purpose);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

absl::Status AuditSubmitRefusal(store::Connection& conn,
                                const audit::Actor& actor,
                                const v1::SubmitReferralRequest& request,
                                bool recipient_registered, const char* action,
                                absl::Time now) {
  v1::AuditEntry entry;
  audit::SetActor(entry, actor);
  entry.set_action(action);
  if (recipient_registered) entry.set_object_id(request.recipient());
  if (!request.person_ref().empty()) {
    ASSIGN_OR_RETURN(const bool registered,
                     PersonExists(conn, request.person_ref()));
    if (registered) entry.set_person_id(request.person_ref());
  }
  entry.set_purpose(PurposeOf(request.type()));
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

}  // namespace rosa::internal
