#include "hub/referral/assisted_return.h"

#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/hub_ids.h"
#include "common/iso_codes.h"
#include "hub/common/field_error.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/referral/referral_state_machine.h"
#include "hub/referral/referral_validator.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr size_t kMaxCaseRefChars = 64;
constexpr size_t kMaxProgrammeChars = 80;
constexpr size_t kMaxReturnNoteChars = 500;

absl::Status CheckDate(const std::string& field, const std::string& value,
                       bool required) {
  if (value.empty()) {
    return required ? InvalidField(field, "required") : absl::OkStatus();
  }
  if (!IsIsoDate(value)) {
    return InvalidField(field, "must be a date YYYY-MM-DD");
  }
  return absl::OkStatus();
}

}  // namespace

bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  absl::CivilDay day;
  return absl::ParseCivilTime(text, &day) && absl::FormatCivilTime(day) == text;
}

absl::Status ValidateUpdateAssistedReturn(
    const v1::UpdateAssistedReturnRequest& request) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  if (!ids::IsReferralId(request.referral_id())) {
    return InvalidField("referral_id",
                        "must be a referral id like \"R-2026-000123\"");
  }
  if (!request.has_assisted_return()) {
    return InvalidField("assisted_return", "required");
  }
  const v1::AssistedReturn& ar = request.assisted_return();
  if (!v1::AssistedReturnStatus_IsValid(ar.status())) {
    return InvalidField("assisted_return.status", "unknown value");
  }
  if (ar.status() == v1::ASSISTED_RETURN_STATUS_UNSPECIFIED) {
    return InvalidField("assisted_return.status", "required");
  }
  if (absl::Status s =
          CheckDate("assisted_return.status_date", ar.status_date(),
                    /*required=*/true);
      !s.ok()) {
    return s;
  }
  const bool booked = ar.status() == v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED ||
                      ar.status() == v1::ASSISTED_RETURN_STATUS_DEPARTED;
  if (absl::Status s = CheckDate("assisted_return.departure_date",
                                 ar.departure_date(), booked);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDate("assisted_return.housing_needed_until",
                                 ar.housing_needed_until(), false);
      !s.ok()) {
    return s;
  }
  if (!ar.destination_country().empty() &&
      !IsIso3166Alpha2(ar.destination_country())) {
    return InvalidField("assisted_return.destination_country",
                        "must be an ISO 3166-1 alpha-2 code such as \"RO\"");
  }
  RETURN_IF_ERROR(CheckLineText("assisted_return.iom_case_ref",
                                ar.iom_case_ref(), kMaxCaseRefChars, false));
  RETURN_IF_ERROR(CheckLineText("assisted_return.programme", ar.programme(),
                                kMaxProgrammeChars, false));
  return CheckFreeText("assisted_return.note", ar.note(), kMaxReturnNoteChars);
}

absl::Status CheckAssistedReturnApplies(const v1::Referral& referral) {
  if (referral.type() != v1::REFERRAL_TYPE_ASSISTED_RETURN) {
    return absl::FailedPreconditionError(absl::StrCat(
        "referral ", referral.id(), " is not an assisted-return referral"));
  }
  if (referral.state() != v1::REFERRAL_STATE_ACCEPTED &&
      referral.state() != v1::REFERRAL_STATE_IN_PROGRESS) {
    return absl::FailedPreconditionError(
        absl::StrCat("referral ", referral.id(), " is ",
                     std::string(ReferralStateName(referral.state())),
                     "; assisted-return statuses follow acceptance"));
  }
  return absl::OkStatus();
}

}  // namespace rosa
