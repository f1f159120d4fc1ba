#include "hub/inquiry/inquiry_validator.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/iso_codes.h"
#include "common/time_util.h"
#include "google/protobuf/timestamp.pb.h"
#include "hub/common/history_window.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/common/timestamp_check.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

constexpr int32_t kMaxPageSize = 500;
constexpr std::size_t kMaxPageTokenBytes = 256;

// Debian's abseil has its own absl::string_view, distinct from
// std::string_view, so paths and messages are built with std::string.
absl::Status Invalid(const std::string& field, std::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": ", std::string(reason)));
}

std::string Path(std::string_view parent, const char* child) {
  return absl::StrCat(std::string(parent), ".", child);
}

// A proto3 enum field: the generated *_IsValid tells known values apart
// from the unknown numbers proto3 keeps. Value 0 is UNSPECIFIED.
absl::Status CheckEnum(const std::string& field, int value,
                       bool (*is_valid)(int), bool required) {
  if (!is_valid(value)) {
    return Invalid(field, absl::StrCat("unknown value ", value));
  }
  if (required && value == 0) return Invalid(field, "required");
  return absl::OkStatus();
}

absl::Status CheckInquiryOccurredAt(const std::string& field,
                                    const v1::HotlineInquiry& inquiry,
                                    absl::Time now) {
  if (!inquiry.has_occurred_at()) return Invalid(field, "required");
  return CheckOccurredAt(field, inquiry.occurred_at(), now);
}

absl::Status CheckVictims(const std::string& field,
                          const v1::PossibleVictims& victims) {
  if (victims.persons() < 1 || victims.persons() > kMaxInquiryPersons) {
    return Invalid(Path(field, "persons"),
                   absl::StrCat("must be 1 to ", kMaxInquiryPersons));
  }
  RETURN_IF_ERROR(CheckEnum(Path(field, "gender"), victims.gender(),
                            v1::Gender_IsValid, true));
  if (!victims.nationality().empty() &&
      !IsIso3166Alpha2(victims.nationality())) {
    return Invalid(Path(field, "nationality"),
                   "must be an ISO 3166-1 alpha-2 code such as \"RO\", or "
                   "empty when unknown");
  }
  RETURN_IF_ERROR(CheckEnum(Path(field, "exploitation_form"),
                            victims.exploitation_form(),
                            v1::ExploitationForm_IsValid, true));
  if (victims.has_accompanying_minors() &&
      victims.accompanying_minors() > kMaxAccompanyingMinors) {
    return Invalid(Path(field, "accompanying_minors"),
                   absl::StrCat("must be 0 to ", kMaxAccompanyingMinors));
  }
  return CheckEnum(Path(field, "outcome"), victims.outcome(),
                   v1::InquiryOutcome_IsValid, false);
}

}  // namespace

absl::Status ValidateInquiry(std::string_view field_view,
                             const v1::HotlineInquiry& inquiry,
                             absl::Time now) {
  const std::string field(field_view);
  // The hub's own fields: a partner that sets them means something the hub
  // would silently overwrite.
  if (!inquiry.id().empty()) {
    return Invalid(Path(field, "id"), "set by the hub; leave it empty");
  }
  if (!inquiry.recorded_by().empty()) {
    return Invalid(Path(field, "recorded_by"),
                   "set by the hub; leave it empty");
  }
  if (inquiry.has_recorded_at()) {
    return Invalid(Path(field, "recorded_at"),
                   "set by the hub; leave it empty");
  }
  RETURN_IF_ERROR(
      CheckInquiryOccurredAt(Path(field, "occurred_at"), inquiry, now));
  if (!inquiry.person_id().empty() && !IsValidPersonRef(inquiry.person_id())) {
    return Invalid(Path(field, "person_id"),
                   "must be a person id such as \"P-7KQ2M9XA\", or empty");
  }
  RETURN_IF_ERROR(CheckEnum(Path(field, "caller"), inquiry.caller(),
                            v1::CallerType_IsValid, true));
  RETURN_IF_ERROR(CheckEnum(Path(field, "topic"), inquiry.topic(),
                            v1::InquiryTopic_IsValid, true));
  const std::string victims = Path(field, "victims");
  if (inquiry.topic() != v1::INQUIRY_TOPIC_POSSIBLE_VICTIM) {
    if (!inquiry.has_victims()) return absl::OkStatus();
    return Invalid(victims, "only when topic is INQUIRY_TOPIC_POSSIBLE_VICTIM");
  }
  if (!inquiry.has_victims()) {
    return Invalid(victims,
                   "required when topic is INQUIRY_TOPIC_POSSIBLE_VICTIM");
  }
  return CheckVictims(victims, inquiry.victims());
}

absl::Status ValidateRecordInquiry(const v1::RecordInquiryRequest& request,
                                   absl::Time now) {
  if (!request.idempotency_key().empty() &&
      !IsValidIdempotencyKey(request.idempotency_key())) {
    return Invalid("idempotency_key",
                   "must be 1 to 128 printable ASCII characters");
  }
  if (!request.has_inquiry()) return Invalid("inquiry", "required");
  return ValidateInquiry("inquiry", request.inquiry(), now);
}

absl::Status ValidateListInquiries(const v1::ListInquiriesRequest& request) {
  if (request.page_size() < 0 || request.page_size() > kMaxPageSize) {
    return Invalid("page_size", absl::StrCat("must be 0 to ", kMaxPageSize));
  }
  if (request.page_token().size() > kMaxPageTokenBytes) {
    return Invalid("page_token",
                   absl::StrCat("at most ", kMaxPageTokenBytes, " bytes"));
  }
  if (!request.has_occurred_since()) return absl::OkStatus();
  return CheckTimestamp("occurred_since", request.occurred_since());
}

}  // namespace rosa
