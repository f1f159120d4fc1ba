#include "hub/referral/referral_desk_internal.h"

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_log.h"

namespace rosa::internal {

namespace v1 = rosa::hub::v1;

absl::Status ReferralNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("referral ", id, " not found"));
}

absl::Status AuditReferral(store::Connection& conn, const char* action,
                           const std::string& actor,
                           const v1::Referral& referral, absl::Time now,
                           v1::ConsentPurpose purpose) {
  v1::AuditEntry entry;
  entry.set_actor(actor);
  entry.set_action(action);
  entry.set_object_id(referral.id());
  entry.set_person_id(referral.person_ref());
  if (purpose == v1::CONSENT_PURPOSE_UNSPECIFIED) {
    switch (referral.type()) {
      case v1::REFERRAL_TYPE_PLACEMENT:
        purpose = v1::CONSENT_PURPOSE_PLACEMENT;
        break;
      case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
        purpose = v1::CONSENT_PURPOSE_LEGAL_COUNSELLING;
        break;
      case v1::REFERRAL_TYPE_ASSISTED_RETURN:
        purpose = v1::CONSENT_PURPOSE_ASSISTED_RETURN;
        break;
      default:
        break;
    }
  }
  entry.set_purpose(purpose);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

}  // namespace rosa::internal
