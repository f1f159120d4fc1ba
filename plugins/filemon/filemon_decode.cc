#include "plugins/filemon/filemon_decode.h"

#include <cstdint>
#include <limits>
#include <optional>

#include "common/time_util.h"

namespace rosa::plugin::filemon {
namespace {

using json::ObjectReader;
using json::Presence;
namespace v1 = rosa::hub::v1;

using json::kAnyLength;

// The largest count the hub's messages carry. Every limit of meaning (beds
// per unit, free beds within the total, nights, the reason: when it is
// required and how long it may be) is the core's to check: the plugin only
// translates, and the core names the field it refuses.
constexpr int64_t kMaxCount = std::numeric_limits<uint32_t>::max();

// The unit Filemon's figures describe: the core resolves the facility
// (Filemon has one), so facility_id stays empty.
constexpr char kUnitName[] = "senger";

void DecodeCapacity(ObjectReader& record, v1::ReportCapacityRequest& out) {
  const std::optional<absl::Time> at =
      record.Rfc3339("at", Presence::kRequired);
  // -1 for a figure that is missing or wrong (its error is recorded); plain
  // integers because GCC 12 warns falsely on std::optional<int64_t> here.
  int64_t total = -1, free = -1, acute_free = -1;
  if (std::optional<ObjectReader> beds =
          record.Object("beds", Presence::kRequired)) {
    total =
        beds->Integer("total", Presence::kRequired, 0, kMaxCount).value_or(-1);
    free =
        beds->Integer("free", Presence::kRequired, 0, kMaxCount).value_or(-1);
    acute_free = beds->Integer("acute_free", Presence::kOptional, 0, kMaxCount)
                     .value_or(-1);
  }
  std::optional<bool> families;
  if (std::optional<ObjectReader> accepts =
          record.Object("accepts", Presence::kOptional)) {
    // Couples have no field in the hub: checked for type, then dropped.
    accepts->Bool("couples", Presence::kOptional);
    families = accepts->Bool("families", Presence::kOptional);
  }
  if (!at || total < 0 || free < 0) return;  // The errors are recorded.

  v1::UnitCapacity& unit = *out.add_units();
  unit.set_unit(kUnitName);
  unit.set_type(v1::UNIT_TYPE_LONGER_STAY);
  unit.set_capacity(static_cast<uint32_t>(total));
  unit.set_free(static_cast<uint32_t>(free));
  if (acute_free >= 0) unit.set_acute_free(static_cast<uint32_t>(acute_free));
  unit.set_admits(v1::ADMITTED_GENDERS_MEN);
  unit.set_children(families.value_or(false));
  unit.set_wheelchair_accessible(false);
  *unit.mutable_as_of() = rosa::ToProtoTime(*at);
}

// Filemon's statuses in the order of kStatusTargets.
const std::vector<std::string_view>& Statuses() {
  static const auto* const kStatuses = new std::vector<std::string_view>{
      "received", "accepted", "declined", "arrived", "left", "cancelled"};
  return *kStatuses;
}
constexpr v1::ReferralState kStatusTargets[] = {
    v1::REFERRAL_STATE_RECEIVED,  v1::REFERRAL_STATE_ACCEPTED,
    v1::REFERRAL_STATE_REJECTED,  v1::REFERRAL_STATE_IN_PROGRESS,
    v1::REFERRAL_STATE_COMPLETED, v1::REFERRAL_STATE_CANCELLED};

void DecodeIntakeStatus(ObjectReader& record,
                        v1::UpdateReferralStatusRequest& out) {
  const std::optional<std::string> referral =
      record.HubId("referral", Presence::kRequired, 'R');
  const std::optional<size_t> status =
      record.Token("status", Presence::kRequired, Statuses());
  const std::optional<absl::Time> at =
      record.Rfc3339("at", Presence::kRequired);

  const v1::ReferralState target =
      status ? kStatusTargets[*status] : v1::REFERRAL_STATE_UNSPECIFIED;
  // The note is the reason of a refusal or a cancellation. With another
  // status Filemon writes free text about a person there, which the hub
  // does not keep: it is read only to check its type, then dropped.
  const std::optional<std::string> note =
      record.String("note", Presence::kOptional, kAnyLength);
  const bool note_is_reason = target == v1::REFERRAL_STATE_REJECTED ||
                              target == v1::REFERRAL_STATE_CANCELLED;
  const std::optional<int64_t> nights =
      record.Integer("nights", Presence::kOptional, 0, kMaxCount);
  if (!referral || !status || !at) return;

  out.set_referral_id(*referral);
  out.set_target(target);
  if (note_is_reason && note) out.set_reason(*note);
  if (nights) out.set_nights_stayed(static_cast<uint32_t>(*nights));
  *out.mutable_occurred_at() = rosa::ToProtoTime(*at);
}

}  // namespace

std::vector<std::string_view> FilemonKnownKeys() {
  return {"kind",       "at",      "beds",    "total",    "free",
          "acute_free", "accepts", "couples", "families", "referral",
          "status",     "note",    "nights"};
}

void DecodeFilemonRecord(ObjectReader& record,
                         rosa::plugin::v1::HubCommand& command) {
  const std::optional<size_t> kind =
      record.Token("kind", Presence::kRequired, {"capacity", "intake_status"});
  if (!kind) return;
  if (*kind == 0) {
    DecodeCapacity(record, *command.mutable_report_capacity());
  } else {
    DecodeIntakeStatus(record, *command.mutable_update_referral_status());
  }
}

}  // namespace rosa::plugin::filemon
