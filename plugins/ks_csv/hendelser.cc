#include "plugins/ks_csv/hendelser.h"

#include <string>

#include "hub/common/time_util.h"
#include "plugins/ks_csv/ids.h"
#include "common/hub_ids.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;

constexpr size_t kMaxReasonChars = 500;
constexpr uint32_t kMaxNights = 3660;

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

  const bool needs_reason = target == hub::REFERRAL_STATE_REJECTED ||
                            target == hub::REFERRAL_STATE_CANCELLED;
  if (needs_reason && row.Empty("arsak")) {
    row.Error("arsak", "required when hendelse is avslatt or avbrutt");
  }
  const auto reason = row.Text("arsak", kMaxReasonChars, /*multiline=*/true,
                               Presence::kOptional);

  std::optional<uint32_t> nights;
  if (target == hub::REFERRAL_STATE_COMPLETED) {
    if (row.Empty("netter")) {
      row.Error("netter", "required when hendelse is utflyttet");
    }
    nights = row.Integer("netter", 0, kMaxNights, Presence::kOptional);
  } else if (target && !row.Empty("netter")) {
    row.Error("netter", "allowed only with hendelse utflyttet");
  }
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
