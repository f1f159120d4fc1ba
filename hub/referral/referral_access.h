// Who may see a referral and who may receive which type of referral.
// Visibility: a coordinator (ROSA) sees every referral; any other partner
// only those it sent or received. Routing: the recipient's kind must handle
// the type (placement -> shelter, safe house, reinforced housing;
// legal_counsel -> legal counsel; assisted_return -> assisted return;
// assistance -> coordinator), as the submit table (submit_rights.h) says.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_ACCESS_H_
#define ROSA_HUB_REFERRAL_REFERRAL_ACCESS_H_

#include <string>
#include <vector>

#include "hub/partner/partner.h"
#include "hub/partner/partner_registry.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

bool CanSeeReferral(const Partner& partner,
                    const rosa::hub::v1::Referral& referral);

bool KindHandlesType(PartnerKind kind, rosa::hub::v1::ReferralType type);

// The partners told about a change to `referral`: sender, recipient and
// every enabled coordinator, each once, in a stable order.
std::vector<std::string> ReferralAudience(
    const PartnerRegistry& registry, const rosa::hub::v1::Referral& referral);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_ACCESS_H_
