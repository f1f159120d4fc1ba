#include "hub/journal/journal_validator.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "hub/common/field_error.h"
#include "hub/common/field_limits.h"
#include "hub/common/history_window.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/consent/desk_support.h"
#include "hub/consent/pseudonym.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

constexpr char kPersonIdReason[] =
    "must be \"P-\" and 10 capital letters or digits";

// A name of a place or an organisation: 1 to kMaxPlaceNameChars
// characters (UTF-8), no control characters.
absl::Status CheckName(const std::string& field, const std::string& name) {
  if (name.empty()) return InvalidField(field, "required");
  std::size_t chars = 0;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return InvalidField(field, "must not hold control characters");
    }
    if ((c & 0xC0) != 0x80) ++chars;
  }
  if (chars > kMaxPlaceNameChars) {
    return InvalidField(
        field, absl::StrCat("at most ", kMaxPlaceNameChars, " characters"));
  }
  return absl::OkStatus();
}

absl::Status CheckCount(const std::string& field, uint32_t count,
                        uint32_t max) {
  if (count < 1 || count > max) {
    return InvalidField(field, absl::StrCat("must be 1 to ", max));
  }
  return absl::OkStatus();
}

absl::Status CheckStay(const std::string& field, const v1::OvernightStay& s) {
  switch (s.place_case()) {
    case v1::OvernightStay::kFacilityId:
      if (s.facility_id().empty()) {
        return InvalidField(FieldPath(field, "facility_id"), "required");
      }
      break;
    case v1::OvernightStay::kOtherPlace:
      RETURN_IF_ERROR(CheckEnum(FieldPath(field, "other_place.kind"),
                                s.other_place().kind(),
                                v1::OtherPlaceKind_IsValid, /*required=*/true));
      RETURN_IF_ERROR(CheckName(FieldPath(field, "other_place.name"),
                                s.other_place().name()));
      break;
    default:
      return InvalidField(field, "facility_id or other_place required");
  }
  if (!s.has_nights()) return absl::OkStatus();  // Unknown: warned.
  return CheckCount(FieldPath(field, "nights"), s.nights(), kMaxStayNights);
}

absl::Status CheckActivity(const std::string& field, const v1::Activity& a,
                           const v1::JournalRecord& record, absl::Time now) {
  RETURN_IF_ERROR(CheckEnum(FieldPath(field, "kind"), a.kind(),
                            v1::ActivityKind_IsValid, /*required=*/true));
  if (a.kind() == v1::ACTIVITY_KIND_WORK_PRACTICE) {
    RETURN_IF_ERROR(CheckName(FieldPath(field, "host"), a.host()));
  } else if (!a.host().empty()) {
    return InvalidField(FieldPath(field, "host"), "only for work practice");
  }
  if (!a.has_ended_at()) return absl::OkStatus();
  RETURN_IF_ERROR(
      CheckOccurredAt(FieldPath(field, "ended_at"), a.ended_at(), now));
  if (a.ended_at().seconds() < record.occurred_at().seconds()) {
    return InvalidField(FieldPath(field, "ended_at"),
                        "earlier than occurred_at");
  }
  return absl::OkStatus();
}

absl::Status CheckEntry(const std::string& field,
                        const v1::JournalRecord& record, absl::Time now) {
  switch (record.entry_case()) {
    case v1::JournalRecord::kAssistanceStarted:
    case v1::JournalRecord::kAssistanceEnded:
    case v1::JournalRecord::kEvidenceGiven:
    case v1::JournalRecord::kProtectionGranted:
    case v1::JournalRecord::kPregnantAtIdentification:
      return absl::OkStatus();
    case v1::JournalRecord::kFollowUp:
      return CheckEnum(FieldPath(field, "follow_up.mode"),
                       record.follow_up().mode(), v1::ContactMode_IsValid,
                       /*required=*/true);
    case v1::JournalRecord::kStay:
      return CheckStay(FieldPath(field, "stay"), record.stay());
    case v1::JournalRecord::kResidenceStatus:
      return CheckEnum(FieldPath(field, "residence_status.status"),
                       record.residence_status().status(),
                       v1::ResidenceStatus_IsValid, /*required=*/true);
    case v1::JournalRecord::kPoliceReport:
      return CheckEnum(FieldPath(field, "police_report.offence"),
                       record.police_report().offence(), v1::Offence_IsValid,
                       /*required=*/true);
    case v1::JournalRecord::kPoliceReportStatus: {
      const auto& s = record.police_report_status();
      if (!ids::IsHubId(s.report_id(), ids::kJournalPrefix)) {
        return InvalidField(
            FieldPath(field, "police_report_status.report_id"),
            absl::StrCat("must be a journal record id such as ",
                         ids::ExampleHubId(ids::kJournalPrefix)));
      }
      return CheckEnum(FieldPath(field, "police_report_status.status"),
                       s.status(), v1::PoliceReportStatus_IsValid,
                       /*required=*/true);
    }
    case v1::JournalRecord::kAccompanyingChildren:
      return CheckCount(FieldPath(field, "accompanying_children.count"),
                        record.accompanying_children().count(), kMaxChildren);
    case v1::JournalRecord::kChildrenInHomeCountry:
      return CheckCount(FieldPath(field, "children_in_home_country.count"),
                        record.children_in_home_country().count(),
                        kMaxChildren);
    case v1::JournalRecord::kActivity:
      return CheckActivity(FieldPath(field, "activity"), record.activity(),
                           record, now);
    case v1::JournalRecord::ENTRY_NOT_SET:
      break;
  }
  return InvalidField(field,
                      "one entry (assistance_started ... activity) required");
}

}  // namespace

absl::Status ValidateJournalRecord(std::string_view field_view,
                                   const v1::JournalRecord& record,
                                   absl::Time now) {
  const std::string field(field_view);
  if (!record.id().empty()) {
    return InvalidField(FieldPath(field, "id"),
                        "set by the hub; leave it empty");
  }
  if (!record.recorded_by().empty()) {
    return InvalidField(FieldPath(field, "recorded_by"),
                        "set by the hub; leave it empty");
  }
  if (record.has_recorded_at()) {
    return InvalidField(FieldPath(field, "recorded_at"),
                        "set by the hub; leave it empty");
  }
  if (!IsPseudonym(record.person_id(), "P-")) {
    return InvalidField(FieldPath(field, "person_id"), kPersonIdReason);
  }
  if (!record.has_occurred_at()) {
    return InvalidField(FieldPath(field, "occurred_at"), "required");
  }
  RETURN_IF_ERROR(CheckOccurredAt(FieldPath(field, "occurred_at"),
                                  record.occurred_at(), now));
  return CheckEntry(field, record, now);
}

absl::Status ValidateJournalPersonId(
    const v1::RecordJournalEntryRequest& request) {
  if (IsPseudonym(request.record().person_id(), "P-")) {
    return absl::OkStatus();
  }
  return InvalidField("record.person_id", kPersonIdReason);
}

absl::Status ValidateRecordJournalEntry(
    const v1::RecordJournalEntryRequest& request, absl::Time now) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  if (!request.has_record()) return InvalidField("record", "required");
  return ValidateJournalRecord("record", request.record(), now);
}

}  // namespace rosa
