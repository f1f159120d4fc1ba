#include "hub/partner/partner.h"

#include <array>
#include <utility>

namespace rosa {
namespace {

using rosa::hub::v1::PartnerKind;

constexpr std::array<std::pair<PartnerKind, std::string_view>, 6> kKindNames{{
    {rosa::hub::v1::PARTNER_KIND_COORDINATOR, "coordinator"},
    {rosa::hub::v1::PARTNER_KIND_SHELTER, "shelter"},
    {rosa::hub::v1::PARTNER_KIND_SAFE_HOUSE, "safe_house"},
    {rosa::hub::v1::PARTNER_KIND_REINFORCED_HOUSING, "reinforced_housing"},
    {rosa::hub::v1::PARTNER_KIND_ASSISTED_RETURN, "assisted_return"},
    {rosa::hub::v1::PARTNER_KIND_LEGAL_COUNSEL, "legal_counsel"},
}};

}  // namespace

absl::string_view PartnerKindName(PartnerKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return absl::string_view(name.data(), name.size());
  }
  return "unspecified";
}

PartnerKind PartnerKindFromName(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return rosa::hub::v1::PARTNER_KIND_UNSPECIFIED;
}

rosa::hub::v1::Gender GenderFromName(std::string_view name) {
  if (name == "woman") return rosa::hub::v1::GENDER_WOMAN;
  if (name == "man") return rosa::hub::v1::GENDER_MAN;
  if (name == "trans") return rosa::hub::v1::GENDER_TRANS;
  if (name == "unknown") return rosa::hub::v1::GENDER_UNKNOWN;
  return rosa::hub::v1::GENDER_UNSPECIFIED;
}

absl::string_view GenderName(rosa::hub::v1::Gender gender) {
  switch (gender) {
    case rosa::hub::v1::GENDER_WOMAN:
      return "woman";
    case rosa::hub::v1::GENDER_MAN:
      return "man";
    case rosa::hub::v1::GENDER_TRANS:
      return "trans";
    case rosa::hub::v1::GENDER_UNKNOWN:
      return "unknown";
    default:
      return "unspecified";
  }
}

}  // namespace rosa
