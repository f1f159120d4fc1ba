#include "hub/handoff/handoff_ledger.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/text.h"
#include "common/time_util.h"
#include "hub/common/field_error.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/common/timestamp_check.h"
#include "hub/partner/partner.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

// A required free-text field of at most `max` characters. Never repeats the
// text.
absl::Status CheckText(const std::string& field, std::string_view text,
                       std::size_t max) {
  if (text::IsBlank(text)) return InvalidField(field, "required");
  return CheckFreeText(field, text, max);
}

absl::Status CheckHandoffId(std::string_view id) {
  if (id.empty()) return InvalidField("handoff_id", "required");
  if (!ids::IsHandoffId(id)) {
    return InvalidField("handoff_id",
                        "must be a handoff id like \"H-2026-000042\"");
  }
  return absl::OkStatus();
}

absl::Status CheckQuarterHours(const std::string& field, uint32_t value,
                               uint32_t max) {
  if (value == 0 || value > max) {
    return InvalidField(
        field, absl::StrCat("must be 1 to ", max, " quarter hours (0.25 to ",
                            FormatQuarterHours(max), " hours)"));
  }
  return absl::OkStatus();
}

absl::Status CheckPurposes(
    const google::protobuf::RepeatedField<int>& purposes) {
  if (purposes.empty()) {
    return InvalidField("purposes", "at least one is required");
  }
  std::set<int> seen;
  for (int i = 0; i < purposes.size(); ++i) {
    const std::string field = absl::StrCat("purposes[", i, "]");
    const int p = purposes.Get(i);
    if (!v1::CounsellingPurpose_IsValid(p)) {
      return InvalidField(field, absl::StrCat("unknown value ", p));
    }
    if (p == v1::COUNSELLING_PURPOSE_UNSPECIFIED) {
      return InvalidField(field, "must be set");
    }
    if (!seen.insert(p).second) return InvalidField(field, "repeated");
  }
  return absl::OkStatus();
}

absl::Status NotWhile(const v1::Handoff& handoff, const v1::HandoffEvent& event,
                      const char* needs) {
  return absl::FailedPreconditionError(absl::StrCat(
      "handoff ", handoff.id(), " is ", HandoffStateName(handoff.state()), "; ",
      HandoffEventName(event), " is allowed only while ", needs));
}

}  // namespace

bool IsValidPersonId(std::string_view id) {
  if (!id.starts_with("P-")) return false;
  id.remove_prefix(2);
  if (id.empty() || id.size() > 32) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c));
  });
}

absl::Status ValidateCreateHandoff(const v1::CreateHandoffRequest& request) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  if (request.lawyer().empty()) return InvalidField("lawyer", "required");
  if (!IsValidPartnerId(request.lawyer())) {
    return InvalidField(
        "lawyer",
        "must be a partner id: 2 to 63 lower-case letters, digits "
        "and '-'");
  }
  if (request.person_id().empty()) return InvalidField("person_id", "required");
  if (!IsValidPersonId(request.person_id())) {
    return InvalidField("person_id",
                        "must be \"P-\" and 1 to 32 letters or digits");
  }
  RETURN_IF_ERROR(CheckFreeText("case_summary", request.case_summary(),
                                kMaxCaseSummaryChars));
  if (!v1::ExploitationForm_IsValid(request.exploitation_form())) {
    return InvalidField(
        "exploitation_form",
        absl::StrCat("unknown value ", request.exploitation_form()));
  }
  RETURN_IF_ERROR(CheckPurposes(request.purposes()));
  if (request.granted_quarter_hours() > kDefaultGrantedQuarterHours) {
    return InvalidField(
        "granted_quarter_hours",
        "at most 12 quarter hours (3 hours) when handing off; more "
        "only through extension_granted");
  }
  return absl::OkStatus();
}

absl::Status ValidateGetHandoff(const v1::GetHandoffRequest& request) {
  return CheckHandoffId(request.handoff_id());
}

absl::Status ValidateListHandoffs(const v1::ListHandoffsRequest& request) {
  RETURN_IF_ERROR(CheckPageRequest(request.page_size(), request.page_token()));
  return absl::OkStatus();
}

absl::Status ValidateRecordHandoffEvent(
    const v1::RecordHandoffEventRequest& request, absl::Time now) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  return ValidateRecordHandoffEventCommand(request, now);
}

absl::Status ValidateRecordHandoffEventCommand(
    const v1::RecordHandoffEventRequest& request, absl::Time now) {
  if (!request.idempotency_key().empty()) {
    RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  }
  RETURN_IF_ERROR(CheckHandoffId(request.handoff_id()));
  if (!request.has_event()) return InvalidField("event", "required");
  RETURN_IF_ERROR(ValidateHandoffEvent(request.event()));
  if (!request.has_occurred_at()) return absl::OkStatus();
  return CheckNotInFuture("occurred_at", request.occurred_at(), now);
}

absl::Status ValidateHandoffEvent(const v1::HandoffEvent& event) {
  switch (event.kind_case()) {
    case v1::HandoffEvent::kAccepted:
      return absl::OkStatus();
    case v1::HandoffEvent::kDeclined:
      return CheckText("event.declined.reason", event.declined().reason(),
                       kMaxDeclineReasonChars);
    case v1::HandoffEvent::kHoursUsed:
      return CheckQuarterHours("event.hours_used.quarter_hours",
                               event.hours_used().quarter_hours(),
                               kMaxHoursUsedQuarterHours);
    case v1::HandoffEvent::kExtensionGranted:
      return CheckQuarterHours("event.extension_granted.quarter_hours",
                               event.extension_granted().quarter_hours(),
                               kMaxExtensionQuarterHours);
    case v1::HandoffEvent::kReportFiled:
      return CheckText("event.report_filed.offence",
                       event.report_filed().offence(), kMaxOffenceChars);
    case v1::HandoffEvent::kApplicationSubmitted: {
      const int kind = event.application_submitted().kind();
      if (!v1::ApplicationKind_IsValid(kind)) {
        return InvalidField("event.application_submitted.kind",
                            absl::StrCat("unknown value ", kind));
      }
      if (kind == v1::APPLICATION_KIND_UNSPECIFIED) {
        return InvalidField("event.application_submitted.kind", "required");
      }
      return absl::OkStatus();
    }
    case v1::HandoffEvent::kClosed:
      return CheckText("event.closed.summary", event.closed().summary(),
                       kMaxClosingSummaryChars);
    case v1::HandoffEvent::KIND_NOT_SET:
      break;
  }
  return InvalidField("event",
                      "one of accepted, declined, hours_used, "
                      "extension_granted, report_filed, "
                      "application_submitted or closed is required");
}

absl::Status ApplyHandoffEvent(v1::Handoff& handoff,
                               const v1::HandoffEvent& event) {
  const v1::HandoffState state = handoff.state();
  switch (event.kind_case()) {
    case v1::HandoffEvent::kAccepted:
    case v1::HandoffEvent::kDeclined:
      if (state != v1::HANDOFF_STATE_OFFERED) {
        return NotWhile(handoff, event, "offered");
      }
      handoff.set_state(event.has_accepted() ? v1::HANDOFF_STATE_ACCEPTED
                                             : v1::HANDOFF_STATE_DECLINED);
      return absl::OkStatus();
    case v1::HandoffEvent::kClosed:
      if (state != v1::HANDOFF_STATE_ACCEPTED) {
        return NotWhile(handoff, event, "accepted");
      }
      handoff.set_state(v1::HANDOFF_STATE_CLOSED);
      return absl::OkStatus();
    case v1::HandoffEvent::kHoursUsed: {
      if (state != v1::HANDOFF_STATE_ACCEPTED) {
        return NotWhile(handoff, event, "accepted");
      }
      const uint64_t used = handoff.used_quarter_hours();
      const uint64_t granted = handoff.granted_quarter_hours();
      const uint64_t total = used + event.hours_used().quarter_hours();
      if (total > granted) {
        return absl::FailedPreconditionError(absl::StrCat(
            "event.hours_used: handoff ", handoff.id(), " has used ",
            FormatQuarterHours(used), " of ", FormatQuarterHours(granted),
            " hours granted; ", FormatQuarterHours(total),
            " hours would pass the granted hours (record extension_granted "
            "first)"));
      }
      handoff.set_used_quarter_hours(static_cast<uint32_t>(total));
      return absl::OkStatus();
    }
    case v1::HandoffEvent::kExtensionGranted: {
      if (state != v1::HANDOFF_STATE_ACCEPTED) {
        return NotWhile(handoff, event, "accepted");
      }
      const uint64_t granted = uint64_t{handoff.granted_quarter_hours()} +
                               event.extension_granted().quarter_hours();
      if (granted > UINT32_MAX) {
        return absl::FailedPreconditionError(
            "event.extension_granted: the granted hours would overflow");
      }
      handoff.set_granted_quarter_hours(static_cast<uint32_t>(granted));
      return absl::OkStatus();
    }
    case v1::HandoffEvent::kReportFiled:
    case v1::HandoffEvent::kApplicationSubmitted:
      if (state != v1::HANDOFF_STATE_ACCEPTED) {
        return NotWhile(handoff, event, "accepted");
      }
      return absl::OkStatus();
    case v1::HandoffEvent::KIND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("event: required");
}

std::string HandoffStateName(v1::HandoffState state) {
  switch (state) {
    case v1::HANDOFF_STATE_OFFERED:
      return "offered";
    case v1::HANDOFF_STATE_ACCEPTED:
      return "accepted";
    case v1::HANDOFF_STATE_DECLINED:
      return "declined";
    case v1::HANDOFF_STATE_CLOSED:
      return "closed";
    default:
      return "unspecified";
  }
}

std::string HandoffEventName(const v1::HandoffEvent& event) {
  switch (event.kind_case()) {
    case v1::HandoffEvent::kAccepted:
      return "accepted";
    case v1::HandoffEvent::kDeclined:
      return "declined";
    case v1::HandoffEvent::kHoursUsed:
      return "hours_used";
    case v1::HandoffEvent::kExtensionGranted:
      return "extension_granted";
    case v1::HandoffEvent::kReportFiled:
      return "report_filed";
    case v1::HandoffEvent::kApplicationSubmitted:
      return "application_submitted";
    case v1::HandoffEvent::kClosed:
      return "closed";
    case v1::HandoffEvent::KIND_NOT_SET:
      break;
  }
  return "none";
}

std::string FormatQuarterHours(uint64_t quarter_hours) {
  static constexpr const char* kFractions[] = {"", ".25", ".5", ".75"};
  return absl::StrCat(quarter_hours / 4, kFractions[quarter_hours % 4]);
}

}  // namespace rosa
