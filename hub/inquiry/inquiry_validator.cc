#include "hub/inquiry/inquiry_validator.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/iso_codes.h"
#include "common/time_util.h"
#include "google/protobuf/timestamp.pb.h"
#include "hub/common/field_error.h"
#include "hub/common/history_window.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/common/timestamp_check.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

// A proto3 enum field: the generated *_IsValid tells known values apart
// from the unknown numbers proto3 keeps. Value 0 is UNSPECIFIED.
absl::Status CheckInquiryOccurredAt(const std::string& field,
                                    const v1::HotlineInquiry& inquiry,
                                    absl::Time now) {
  if (!inquiry.has_occurred_at()) return InvalidField(field, "required");
  return CheckOccurredAt(field, inquiry.occurred_at(), now);
}

absl::Status CheckVictims(const std::string& field,
                          const v1::PossibleVictims& victims) {
  if (victims.persons() < 1 || victims.persons() > kMaxInquiryPersons) {
    return InvalidField(FieldPath(field, "persons"),
                        absl::StrCat("must be 1 to ", kMaxInquiryPersons));
  }
  RETURN_IF_ERROR(CheckEnum(FieldPath(field, "gender"), victims.gender(),
                            v1::Gender_IsValid, true));
  if (!victims.nationality().empty() &&
      !IsIso3166Alpha2(victims.nationality())) {
    return InvalidField(FieldPath(field, "nationality"),
                        "must be an ISO 3166-1 alpha-2 code such as \"RO\", or "
                        "empty when unknown");
  }
  RETURN_IF_ERROR(CheckEnum(FieldPath(field, "exploitation_form"),
                            victims.exploitation_form(),
                            v1::ExploitationForm_IsValid, true));
  if (victims.has_accompanying_minors() &&
      victims.accompanying_minors() > kMaxAccompanyingMinors) {
    return InvalidField(FieldPath(field, "accompanying_minors"),
                        absl::StrCat("must be 0 to ", kMaxAccompanyingMinors));
  }
  return CheckEnum(FieldPath(field, "outcome"), victims.outcome(),
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
    return InvalidField(FieldPath(field, "id"),
                        "set by the hub; leave it empty");
  }
  if (!inquiry.recorded_by().empty()) {
    return InvalidField(FieldPath(field, "recorded_by"),
                        "set by the hub; leave it empty");
  }
  if (inquiry.has_recorded_at()) {
    return InvalidField(FieldPath(field, "recorded_at"),
                        "set by the hub; leave it empty");
  }
  RETURN_IF_ERROR(
      CheckInquiryOccurredAt(FieldPath(field, "occurred_at"), inquiry, now));
  if (!inquiry.person_id().empty() && !IsValidPersonRef(inquiry.person_id())) {
    return InvalidField(FieldPath(field, "person_id"),
                        "must be a person id such as \"P-7KQ2M9XA\", or empty");
  }
  RETURN_IF_ERROR(CheckEnum(FieldPath(field, "caller"), inquiry.caller(),
                            v1::CallerType_IsValid, true));
  RETURN_IF_ERROR(CheckEnum(FieldPath(field, "topic"), inquiry.topic(),
                            v1::InquiryTopic_IsValid, true));
  const std::string victims = FieldPath(field, "victims");
  if (inquiry.topic() != v1::INQUIRY_TOPIC_POSSIBLE_VICTIM) {
    if (!inquiry.has_victims()) return absl::OkStatus();
    return InvalidField(victims,
                        "only when topic is INQUIRY_TOPIC_POSSIBLE_VICTIM");
  }
  if (!inquiry.has_victims()) {
    return InvalidField(victims,
                        "required when topic is INQUIRY_TOPIC_POSSIBLE_VICTIM");
  }
  return CheckVictims(victims, inquiry.victims());
}

absl::Status ValidateRecordInquiry(const v1::RecordInquiryRequest& request,
                                   absl::Time now) {
  if (!request.idempotency_key().empty()) {
    RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  }
  if (!request.has_inquiry()) return InvalidField("inquiry", "required");
  return ValidateInquiry("inquiry", request.inquiry(), now);
}

absl::Status ValidateListInquiries(const v1::ListInquiriesRequest& request) {
  RETURN_IF_ERROR(CheckPageRequest(request.page_size(), request.page_token()));
  if (!request.has_occurred_since()) return absl::OkStatus();
  return CheckTimestamp("occurred_since", request.occurred_since());
}

}  // namespace rosa
