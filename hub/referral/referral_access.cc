#include "hub/referral/referral_access.h"

#include <algorithm>

#include "hub/referral/submit_rights.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

bool CanSeeReferral(const Partner& partner, const v1::Referral& referral) {
  return partner.is_coordinator() || referral.sender() == partner.id ||
         referral.recipient() == partner.id;
}

bool KindHandlesType(PartnerKind kind, v1::ReferralType type) {
  // Routing is the recipient side of the submit table: a kind takes a type
  // if some sender may send it that type.
  for (int sender = v1::PartnerKind_MIN; sender <= v1::PartnerKind_MAX;
       ++sender) {
    if (v1::PartnerKind_IsValid(sender) &&
        SubmitRightFor(static_cast<PartnerKind>(sender), type, kind) !=
            SubmitRight::kNone) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> ReferralAudience(const PartnerRegistry& registry,
                                          const v1::Referral& referral) {
  std::vector<std::string> audience = {referral.sender(), referral.recipient()};
  for (std::string& id : registry.CoordinatorIds()) {
    audience.push_back(std::move(id));
  }
  std::sort(audience.begin(), audience.end());
  audience.erase(std::unique(audience.begin(), audience.end()), audience.end());
  return audience;
}

}  // namespace rosa
