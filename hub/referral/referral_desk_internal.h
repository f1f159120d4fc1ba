// Pieces the referral desk's command and query files share. Internal to
// hub/referral; not an API.
// Thread-safety: pure functions, or functions on the caller's connection.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_DESK_INTERNAL_H_
#define ROSA_HUB_REFERRAL_REFERRAL_DESK_INTERNAL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/audit/actor.h"
#include "hub/outbox/free_text.h"
#include "hub/partner/partner.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/consent.pb.h"
#include "rosa/hub/v1/referral.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa::internal {

// The same answer whether the referral does not exist or the caller may not
// see it, so that nobody can probe for other partners' referrals.
absl::Status ReferralNotFound(const std::string& id);

// The referral `id` with its free text, if `caller` may see it; otherwise
// ReferralNotFound, for a missing referral and one the caller may not see
// alike, and in both cases nothing sealed is opened (no work, and no time,
// that would tell them apart).
absl::StatusOr<rosa::hub::v1::Referral> LoadVisibleReferral(
    store::Connection& conn, const SealedTexts& texts, const Partner& caller,
    const std::string& id);

// Appends the audit entry for an action on `referral` by `actor`, in the
// action's own transaction: if it cannot be written, the action fails too.
absl::Status AuditReferral(store::Connection& conn, const char* action,
                           const audit::Actor& actor,
                           const rosa::hub::v1::Referral& referral,
                           absl::Time now,
                           rosa::hub::v1::ConsentPurpose purpose =
                               rosa::hub::v1::CONSENT_PURPOSE_UNSPECIFIED);

// Appends the entry for a refused submission: actor, `action`
// (kSubmitDeniedAction or kSubmitRefusedAction), the recipient named as
// object and the person_ref named, each only if the hub knows it (a
// registered partner: `recipient_registered`; a registered person, looked
// up here), and the type's purpose. Nothing else of the request (no facts,
// no note). The audit log is kept for good, even after an erasure, so a
// caller's words never go into it: a name typed as recipient or
// person_ref did, before (an outside review).
absl::Status AuditSubmitRefusal(
    store::Connection& conn, const audit::Actor& actor,
    const rosa::hub::v1::SubmitReferralRequest& request,
    bool recipient_registered, const char* action, absl::Time now);

}  // namespace rosa::internal

#endif  // ROSA_HUB_REFERRAL_REFERRAL_DESK_INTERNAL_H_
