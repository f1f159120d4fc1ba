#include "hub/journal/residence_history.h"

#include <utility>

#include "common/time_util.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::Time EffectiveAt(const v1::ResidenceStatusChange& change) {
  return FromProtoTime(change.has_effective_at() ? change.effective_at()
                                                 : change.recorded_at());
}

void AddResidenceChange(const v1::JournalRecord& record,
                        v1::PersonProfile& profile) {
  v1::ResidenceStatusChange change;
  change.set_status(record.residence_status().status());
  *change.mutable_recorded_at() = record.recorded_at();
  change.set_recorded_by(record.recorded_by());
  *change.mutable_effective_at() = record.occurred_at();
  const absl::Time at = EffectiveAt(change);

  auto* history = profile.mutable_residence_history();
  history->Add(std::move(change));
  // Bubble the new entry back to its place in order of effect.
  for (int i = history->size() - 1;
       i > 0 && EffectiveAt(history->Get(i - 1)) > at; --i) {
    history->SwapElements(i - 1, i);
  }
  profile.set_residence_status(history->Get(history->size() - 1).status());
}

v1::ResidenceStatus ResidenceStatusAt(const v1::PersonProfile& profile,
                                      absl::Time t) {
  v1::ResidenceStatus status = v1::RESIDENCE_STATUS_UNSPECIFIED;
  for (const v1::ResidenceStatusChange& change : profile.residence_history()) {
    if (EffectiveAt(change) <= t) status = change.status();
  }
  return status;
}

}  // namespace rosa
