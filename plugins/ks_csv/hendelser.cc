#include "plugins/ks_csv/hendelser.h"

#include <cstdint>
#include <limits>
#include <string>

#include "common/hub_ids.h"
#include "common/time_util.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;

// No bounds of the plugin's own on the reason and the nights: when a
// reason is needed, how long it may be and how many nights a stay may have
// are the core's to say (it refuses, naming the field).

constexpr Column kColumns[] = {
    {"referanse", true}, {"hendelse", true}, {"tidspunkt", true},
    {"arsak", false},    {"netter", false},
};

constexpr Token<hub::ReferralState> kEvents[] = {
    {"mottatt", hub::REFERRAL_STATE_RECEIVED},
    {"akseptert", hub::REFERRAL_STATE_ACCEPTED},
    {"avslatt", hub::REFERRAL_STATE_REJECTED},
    {"ankommet", hub::REFERRAL_STATE_IN_PROGRESS},
    {"utflyttet", hub::REFERRAL_STATE_COMPLETED},
    {"avbrutt", hub::REFERRAL_STATE_CANCELLED},
};

void DecodeRow(Row& row, rosa::plugin::v1::HubCommand& command) {
  const std::string_view referral = row.Cell("referanse");
  if (referral.empty()) {
    row.Error("referanse", "required; the cell is empty");
  } else if (!ids::IsReferralId(referral)) {
    row.Error("referanse", "must be a referral id like R-2026-000123");
  }
  const auto target =
      row.Pick<hub::ReferralState>("hendelse", kEvents, Presence::kRequired);
  const auto occurred_at = row.Time("tidspunkt", Presence::kRequired);

  const auto reason =
      row.Text("arsak", kAnyLength, /*multiline=*/true, Presence::kOptional);

  // The format requires netter with utflyttet; with another hendelse the
  // core refuses nights_stayed.
  if (target == hub::REFERRAL_STATE_COMPLETED && row.Empty("netter")) {
    row.Error("netter", "required when hendelse is utflyttet");
  }
  const std::optional<uint32_t> nights =
      row.Integer("netter", 0, kAnyCount, Presence::kOptional);
  if (!row.ok()) return;

  hub::UpdateReferralStatusRequest& r =
      *command.mutable_update_referral_status();
  r.set_referral_id(std::string(referral));
  r.set_target(*target);
  // Optional elsewhere, but when a centre explains a step it is passed on.
  if (reason) r.set_reason(*reason);
  if (nights) r.set_nights_stayed(*nights);
  *r.mutable_occurred_at() = ToProtoTime(*occurred_at);
}

constexpr Profile kProfile{"text/csv; profile=ks-hendelser-1", kColumns,
                           &DecodeRow, nullptr};

}  // namespace

const Profile& HendelserProfile() { return kProfile; }

}  // namespace rosa::plugin::ks_csv
