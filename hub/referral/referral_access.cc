#include "hub/referral/referral_access.h"

#include <algorithm>

namespace rosa {

namespace v1 = rosa::hub::v1;

bool CanSeeReferral(const Partner& partner, const v1::Referral& referral) {
  return partner.is_coordinator() || referral.sender() == partner.id ||
         referral.recipient() == partner.id;
}

bool KindHandlesType(PartnerKind kind, v1::ReferralType type) {
  switch (type) {
    case v1::REFERRAL_TYPE_PLACEMENT:
      return kind == v1::PARTNER_KIND_SHELTER ||
             kind == v1::PARTNER_KIND_SAFE_HOUSE ||
             kind == v1::PARTNER_KIND_REINFORCED_HOUSING;
    case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
      return kind == v1::PARTNER_KIND_LEGAL_COUNSEL;
    case v1::REFERRAL_TYPE_ASSISTED_RETURN:
      return kind == v1::PARTNER_KIND_ASSISTED_RETURN;
    case v1::REFERRAL_TYPE_ASSISTANCE:
      return kind == v1::PARTNER_KIND_COORDINATOR;
    default:
      return false;
  }
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
