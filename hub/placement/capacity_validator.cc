#include "hub/placement/capacity_validator.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/text.h"
#include "common/time_util.h"
#include "hub/common/field_error.h"
#include "hub/common/field_limits.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/common/timestamp_check.h"
#include "hub/partner/partner.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

absl::Status CheckUnitName(std::string_view field, std::string_view name) {
  if (name.empty()) return InvalidField(field, "required");
  if (!IsValidUnitName(name)) {
    return InvalidField(field,
                        "must be 1 to 80 characters of text without control "
                        "characters");
  }
  return absl::OkStatus();
}

absl::Status CheckFacilityId(std::string_view field, std::string_view id,
                             bool required) {
  if (id.empty()) {
    return required ? InvalidField(field, "required") : absl::OkStatus();
  }
  if (!IsValidPartnerId(id)) {
    return InvalidField(field,
                        "must be a facility id: 2 to 63 lower-case letters, "
                        "digits and '-'");
  }
  return absl::OkStatus();
}

absl::Status CheckAsOf(std::string_view field, const v1::UnitCapacity& unit,
                       absl::Time now) {
  if (!unit.has_as_of()) return InvalidField(field, "required");
  return CheckNotInFuture(field, unit.as_of(), now);
}

absl::Status CheckUnit(const std::string& at, const v1::UnitCapacity& unit,
                       absl::Time now) {
  RETURN_IF_ERROR(CheckFacilityId(absl::StrCat(at, ".facility_id"),
                                  unit.facility_id(), false));
  RETURN_IF_ERROR(CheckUnitName(absl::StrCat(at, ".unit"), unit.unit()));
  RETURN_IF_ERROR(CheckEnum(absl::StrCat(at, ".type"), unit.type(),
                            v1::UnitType_IsValid, /*required=*/true));
  if (unit.capacity() > kMaxUnitCapacity) {
    return InvalidField(absl::StrCat(at, ".capacity"), "must be 0 to 500");
  }
  if (unit.free() > unit.capacity()) {
    return InvalidField(
        absl::StrCat(at, ".free"),
        absl::StrCat("must be at most capacity (", unit.capacity(), ")"));
  }
  RETURN_IF_ERROR(CheckEnum(absl::StrCat(at, ".admits"), unit.admits(),
                            v1::AdmittedGenders_IsValid, /*required=*/true));
  if (unit.has_acute_free() && unit.acute_free() > unit.free()) {
    return InvalidField(
        absl::StrCat(at, ".acute_free"),
        absl::StrCat("must be at most free (", unit.free(), ")"));
  }
  if (unit.has_family_free() && unit.family_free() > unit.free()) {
    return InvalidField(
        absl::StrCat(at, ".family_free"),
        absl::StrCat("must be at most free (", unit.free(), ")"));
  }
  return CheckAsOf(absl::StrCat(at, ".as_of"), unit, now);
}

}  // namespace

bool IsValidUnitName(std::string_view name) {
  const std::optional<size_t> chars = text::CleanTextLength(name);
  return chars.has_value() && *chars >= 1 && *chars <= kMaxUnitNameChars &&
         !text::IsBlank(name);
}

absl::Status ValidateReportCapacity(const v1::ReportCapacityRequest& request,
                                    absl::Time now) {
  if (!request.idempotency_key().empty()) {
    RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  }
  if (request.units().empty()) return InvalidField("units", "required");
  if (request.units_size() > kMaxUnitsPerReport) {
    return InvalidField("units", "at most 200 units in one report");
  }
  for (int i = 0; i < request.units_size(); ++i) {
    RETURN_IF_ERROR(
        CheckUnit(absl::StrCat("units[", i, "]"), request.units(i), now));
  }
  return absl::OkStatus();
}

absl::Status ValidateListAvailability(
    const v1::ListAvailabilityRequest& request) {
  return CheckFacilityId("facility_id", request.facility_id(), false);
}

absl::Status ValidateFindPlaces(const v1::FindPlacesRequest& request) {
  if (!request.has_need()) return InvalidField("need", "required");
  const v1::PlacementNeed& need = request.need();
  RETURN_IF_ERROR(CheckEnum("need.gender", need.gender(), v1::Gender_IsValid,
                            /*required=*/true));
  if (need.children() > kMaxChildren) {
    return InvalidField("need.children",
                        absl::StrCat("must be 0 to ", kMaxChildren));
  }
  if (!need.region().empty()) {
    const std::optional<size_t> chars = text::CleanTextLength(need.region());
    if (!chars.has_value() || *chars > kMaxUnitNameChars) {
      return InvalidField(
          "need.region",
          "must be at most 80 characters of text without control "
          "characters");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateGetHold(const v1::GetHoldRequest& request) {
  if (request.referral_id().empty()) {
    return InvalidField("referral_id", "required");
  }
  if (!ids::IsReferralId(request.referral_id())) {
    return InvalidField("referral_id",
                        "must be a referral id like \"R-2026-000123\"");
  }
  return absl::OkStatus();
}

absl::Status ValidateHoldPlace(std::string_view field,
                               const v1::HoldPlace& hold) {
  const std::string at(field);
  RETURN_IF_ERROR(CheckFacilityId(absl::StrCat(at, ".facility_id"),
                                  hold.facility_id(), true));
  if (hold.unit().empty()) return absl::OkStatus();
  return CheckUnitName(absl::StrCat(at, ".unit"), hold.unit());
}

}  // namespace rosa
