#include "hub/referral/referral_as_of.h"

#include "absl/strings/str_cat.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

bool CanRebuildCurrentVersion(const v1::Referral& referral) {
  return referral.version() >= 1 &&
         referral.version() == static_cast<uint64_t>(referral.history_size());
}

absl::StatusOr<v1::Referral> ReferralAsOf(const v1::Referral& referral,
                                          uint64_t version) {
  if (version < 1 || version > static_cast<uint64_t>(referral.history_size()) ||
      version > referral.version()) {
    return absl::DataLossError(
        absl::StrCat("referral ", referral.id(), ": version ", version,
                     " cannot be rebuilt from its history"));
  }
  v1::Referral then = referral;
  auto* history = then.mutable_history();
  history->DeleteSubrange(static_cast<int>(version),
                          history->size() - static_cast<int>(version));
  const v1::Transition& last = *history->rbegin();
  then.set_state(last.to());
  *then.mutable_updated_at() = last.recorded_at();
  then.set_version(version);
  then.clear_assisted_return();
  bool accepted = false;
  for (const v1::Transition& t : *history) {
    accepted = accepted || t.to() == v1::REFERRAL_STATE_ACCEPTED;
  }
  if (!accepted) then.clear_facility();
  return then;
}

}  // namespace rosa
