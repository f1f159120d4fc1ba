#include "hub/referral/referral_validator.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/iso_codes.h"
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

constexpr uint32_t kMaxAge = 120;
constexpr int kMaxLanguages = 10;
constexpr std::size_t kMaxNoteChars = 2000;
constexpr std::size_t kMaxReasonChars = 500;
constexpr uint32_t kMaxNightsStayed = 3660;

// The states a partner may ask to move a referral to.
constexpr std::array<v1::ReferralState, 6> kTargets = {
    v1::REFERRAL_STATE_RECEIVED,  v1::REFERRAL_STATE_ACCEPTED,
    v1::REFERRAL_STATE_REJECTED,  v1::REFERRAL_STATE_IN_PROGRESS,
    v1::REFERRAL_STATE_COMPLETED, v1::REFERRAL_STATE_CANCELLED};

// A required string with a fixed format; `format` says what it must look
// like (the value itself is never repeated).
absl::Status CheckFormat(std::string_view field, std::string_view value,
                         bool (*is_valid)(std::string_view),
                         std::string_view format) {
  if (value.empty()) return InvalidField(field, "required");
  if (!is_valid(value)) return InvalidField(field, format);
  return absl::OkStatus();
}

absl::Status CheckReferralId(std::string_view id) {
  return CheckFormat("referral_id", id, ids::IsReferralId,
                     "must be a referral id like \"R-2026-000123\"");
}

absl::Status CheckAge(uint32_t age) {
  if (age == 0) return InvalidField("facts.age", "required");
  if (age > kMaxAge) return InvalidField("facts.age", "must be at most 120");
  return absl::OkStatus();
}

absl::Status CheckNationality(std::string_view nationality) {
  if (nationality.empty() || IsIso3166Alpha2(nationality)) {
    return absl::OkStatus();
  }
  return InvalidField("facts.nationality",
                      "must be an ISO 3166-1 alpha-2 code such as \"RO\", or "
                      "empty when unknown");
}

absl::Status CheckLanguages(
    const google::protobuf::RepeatedPtrField<std::string>& languages) {
  if (languages.size() > kMaxLanguages) {
    return InvalidField("facts.languages", "at most 10 languages");
  }
  for (int i = 0; i < languages.size(); ++i) {
    const std::string field = absl::StrCat("facts.languages[", i, "]");
    if (!IsIso639_1(languages[i])) {
      return InvalidField(
          field, "must be an ISO 639-1 code in lower case such as \"pl\"");
    }
    if (std::find(languages.begin(), languages.begin() + i, languages[i]) !=
        languages.begin() + i) {
      return InvalidField(field, "repeats an earlier language");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNeeds(const google::protobuf::RepeatedField<int>& needs) {
  for (int i = 0; i < needs.size(); ++i) {
    const std::string field = absl::StrCat("facts.needs[", i, "]");
    RETURN_IF_ERROR(CheckEnum(field, needs[i], v1::Need_IsValid, false));
    if (needs[i] == v1::NEED_UNSPECIFIED) {
      return InvalidField(field, "must not be NEED_UNSPECIFIED");
    }
    if (std::find(needs.begin(), needs.begin() + i, needs[i]) !=
        needs.begin() + i) {
      return InvalidField(field, "repeats an earlier need");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckFacts(const v1::SubmitReferralRequest& request) {
  if (!request.has_facts()) return InvalidField("facts", "required");
  const v1::PersonFacts& facts = request.facts();
  RETURN_IF_ERROR(
      CheckEnum("facts.gender", facts.gender(), v1::Gender_IsValid, true));
  RETURN_IF_ERROR(CheckAge(facts.age()));
  RETURN_IF_ERROR(CheckNationality(facts.nationality()));
  RETURN_IF_ERROR(CheckEnum("facts.exploitation_form",
                            facts.exploitation_form(),
                            v1::ExploitationForm_IsValid, true));
  if (facts.accompanying_children() > kMaxChildren) {
    return InvalidField("facts.accompanying_children",
                        absl::StrCat("must be 0 to ", kMaxChildren));
  }
  RETURN_IF_ERROR(CheckLanguages(facts.languages()));
  return CheckNeeds(facts.needs());
}

absl::Status CheckTarget(v1::ReferralState target) {
  RETURN_IF_ERROR(CheckEnum("target", target, v1::ReferralState_IsValid, true));
  if (std::find(kTargets.begin(), kTargets.end(), target) == kTargets.end()) {
    return InvalidField("target",
                        absl::StrCat(v1::ReferralState_Name(target),
                                     " is not a state to move to; "
                                     "use RECEIVED, ACCEPTED, REJECTED, "
                                     "IN_PROGRESS, COMPLETED or CANCELLED"));
  }
  return absl::OkStatus();
}

absl::Status CheckReason(v1::ReferralState target, std::string_view reason) {
  const bool required = target == v1::REFERRAL_STATE_REJECTED ||
                        target == v1::REFERRAL_STATE_CANCELLED;
  if (required && text::IsBlank(reason)) {
    return InvalidField("reason", absl::StrCat("required for ",
                                               v1::ReferralState_Name(target)));
  }
  return CheckFreeText("reason", reason, kMaxReasonChars);
}

absl::Status CheckNightsStayed(const v1::UpdateReferralStatusRequest& request) {
  if (request.target() != v1::REFERRAL_STATE_COMPLETED) {
    if (!request.has_nights_stayed()) return absl::OkStatus();
    return InvalidField("nights_stayed",
                        "allowed only for REFERRAL_STATE_COMPLETED");
  }
  // Unknown nights are allowed: Filemon's "left" may come without them, and
  // a partner's valid message must not be refused for it.
  if (request.has_nights_stayed() &&
      request.nights_stayed() > kMaxNightsStayed) {
    return InvalidField("nights_stayed", "must be 0 to 3660");
  }
  return absl::OkStatus();
}

absl::Status CheckOccurredAt(const v1::UpdateReferralStatusRequest& request,
                             absl::Time now) {
  if (!request.has_occurred_at()) return absl::OkStatus();
  return CheckNotInFuture("occurred_at", request.occurred_at(), now);
}

}  // namespace

absl::Status ValidateSubmitReferral(const v1::SubmitReferralRequest& request) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  RETURN_IF_ERROR(CheckFormat(
      "recipient", request.recipient(), IsValidPartnerId,
      "must be a partner id: 2 to 63 lower-case letters, digits and '-'"));
  RETURN_IF_ERROR(
      CheckEnum("type", request.type(), v1::ReferralType_IsValid, true));
  RETURN_IF_ERROR(
      CheckFormat("person_ref", request.person_ref(), IsValidPersonRef,
                  "must be \"P-\" and 4 to 32 capital letters or digits"));
  RETURN_IF_ERROR(CheckFacts(request));
  return CheckFreeText("note", request.note(), kMaxNoteChars);
}

absl::Status ValidateUpdateReferralStatus(
    const v1::UpdateReferralStatusRequest& request, absl::Time now) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  RETURN_IF_ERROR(CheckReferralId(request.referral_id()));
  RETURN_IF_ERROR(CheckTarget(request.target()));
  RETURN_IF_ERROR(CheckReason(request.target(), request.reason()));
  RETURN_IF_ERROR(CheckNightsStayed(request));
  RETURN_IF_ERROR(CheckOccurredAt(request, now));
  if (!request.facility_id().empty() &&
      !IsValidPartnerId(request.facility_id())) {
    return InvalidField("facility_id",
                        "2-63 lower-case letters, digits and '-' expected");
  }
  return absl::OkStatus();
}

absl::Status ValidateGetReferral(const v1::GetReferralRequest& request) {
  return CheckReferralId(request.referral_id());
}

absl::Status ValidateListReferrals(const v1::ListReferralsRequest& request) {
  RETURN_IF_ERROR(CheckPageRequest(request.page_size(), request.page_token()));
  RETURN_IF_ERROR(
      CheckEnum("role", request.role(), v1::ReferralRole_IsValid, false));
  RETURN_IF_ERROR(
      CheckEnum("state", request.state(), v1::ReferralState_IsValid, false));
  RETURN_IF_ERROR(
      CheckEnum("type", request.type(), v1::ReferralType_IsValid, false));
  if (!request.has_updated_since()) return absl::OkStatus();
  return CheckTimestamp("updated_since", request.updated_since());
}

absl::Status CheckAdultsOnly(const v1::PersonFacts& facts) {
  if (static_cast<int64_t>(facts.age()) >= kAdultAge &&
      !facts.possibly_minor()) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      "facts: the hub takes adults only (18 or over). For a person who is or "
      "may be under 18, contact the barnevernsvakt (child welfare emergency "
      "service) and Bufdir's hotline for minor victims of trafficking; do "
      "not refer them through the hub");
}

}  // namespace rosa
