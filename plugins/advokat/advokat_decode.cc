#include "plugins/advokat/advokat_decode.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "common/time_util.h"

namespace rosa::plugin::advokat {
namespace {

namespace v1 = rosa::hub::v1;
using json::ObjectReader;
using json::Presence;

using json::kAnyLength;

// The most hours a quarter-hour count can carry. How many hours an event
// may have, and how long a text may be, is the core's to say (the handoff
// ledger): the plugin only translates.
constexpr double kMaxRepresentableHours =
    static_cast<double>(std::numeric_limits<uint32_t>::max() / 4);

enum Event : size_t {
  kAccepted,
  kDeclined,
  kHoursUsed,
  kExtensionGranted,
  kReportFiled,
  kApplicationSubmitted,
  kClosed,
};

// "hours" as whole quarter hours. Quarters are exact in binary, so 1.5 * 4
// is exactly 6 and 1.3 * 4 is not a whole number.
std::optional<uint32_t> QuarterHours(ObjectReader& record) {
  const std::optional<double> hours =
      record.Number("hours", Presence::kRequired, 0, kMaxRepresentableHours);
  if (!hours) return std::nullopt;
  const double quarters = *hours * 4;
  if (std::floor(quarters) != quarters) {
    record.Fail("hours",
                "must be whole quarter hours (0.25, 0.5, 0.75, 1, ...)");
    return std::nullopt;
  }
  return static_cast<uint32_t>(quarters);
}

// Fills `event` for the kind of event; false if a field is wrong (the
// error is recorded).
bool ReadEvent(ObjectReader& record, Event kind, v1::HandoffEvent& event) {
  switch (kind) {
    case kAccepted:
      event.mutable_accepted();
      return true;
    case kDeclined: {
      std::optional<std::string> reason =
          record.String("reason", Presence::kRequired, kAnyLength);
      if (!reason) return false;
      event.mutable_declined()->set_reason(std::move(*reason));
      return true;
    }
    case kHoursUsed: {
      // Whether the total stays within the granted hours is the core's to
      // say: it has the ledger.
      const std::optional<uint32_t> quarters = QuarterHours(record);
      if (!quarters) return false;
      event.mutable_hours_used()->set_quarter_hours(*quarters);
      return true;
    }
    case kExtensionGranted: {
      const std::optional<uint32_t> quarters = QuarterHours(record);
      if (!quarters) return false;
      event.mutable_extension_granted()->set_quarter_hours(*quarters);
      return true;
    }
    case kReportFiled: {
      std::optional<std::string> offence =
          record.String("offence", Presence::kRequired, kAnyLength);
      if (!offence) return false;
      event.mutable_report_filed()->set_offence(std::move(*offence));
      return true;
    }
    case kApplicationSubmitted: {
      const std::optional<size_t> application =
          record.Token("kind", Presence::kRequired,
                       {"reflection_period", "extended_reflection_period",
                        "asylum", "residence_permit"});
      if (!application) return false;
      constexpr v1::ApplicationKind kKinds[] = {
          v1::APPLICATION_KIND_REFLECTION_PERIOD,
          v1::APPLICATION_KIND_EXTENDED_REFLECTION_PERIOD,
          v1::APPLICATION_KIND_ASYLUM, v1::APPLICATION_KIND_RESIDENCE_PERMIT};
      event.mutable_application_submitted()->set_kind(kKinds[*application]);
      return true;
    }
    case kClosed: {
      std::optional<std::string> summary =
          record.String("summary", Presence::kRequired, kAnyLength);
      if (!summary) return false;
      event.mutable_closed()->set_summary(std::move(*summary));
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string_view> AdvokatKnownKeys() {
  return {"handoff", "event",   "at",   "reason",
          "hours",   "offence", "kind", "summary"};
}

void DecodeAdvokatRecord(ObjectReader& record,
                         rosa::plugin::v1::HubCommand& command) {
  const std::optional<std::string> handoff =
      record.HubId("handoff", Presence::kRequired, 'H');
  const std::optional<size_t> kind =
      record.Token("event", Presence::kRequired,
                   {"accepted", "declined", "hours_used", "extension_granted",
                    "report_filed", "application_submitted", "closed"});
  const std::optional<absl::Time> at =
      record.Rfc3339("at", Presence::kRequired);
  v1::HandoffEvent event;
  const bool event_ok =
      kind && ReadEvent(record, static_cast<Event>(*kind), event);
  if (!handoff || !event_ok || !at) return;

  v1::RecordHandoffEventRequest& out = *command.mutable_record_handoff_event();
  out.set_handoff_id(*handoff);
  *out.mutable_event() = std::move(event);
  *out.mutable_occurred_at() = rosa::ToProtoTime(*at);
}

}  // namespace rosa::plugin::advokat
