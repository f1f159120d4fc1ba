#include "hub/common/hub_clock.h"

#include <algorithm>
#include <chrono>

namespace rosa {

absl::Time SteadyClock::Now() const {
  return absl::UnixEpoch() +
         absl::FromChrono(std::chrono::steady_clock::now().time_since_epoch());
}

HubClock::HubClock(const Clock* wall, const Clock* steady)
    : wall_(wall), steady_(steady) {}

absl::Time HubClock::Now() const {
  absl::MutexLock lock(&mu_);
  // Both read under the lock, so that a later caller never reads an earlier
  // wall time than the one an earlier caller was given.
  const absl::Time wall = wall_->Now();
  const absl::Time steady = steady_->Now();
  absl::Time now = wall;
  if (last_ != absl::InfinitePast()) {
    // Behind: half the time that passed, so that the wall clock catches up.
    const absl::Duration passed =
        std::max(absl::ZeroDuration(), steady - last_steady_);
    now = std::max(wall, last_ + passed / 2);
  }
  last_ = now;
  last_steady_ = steady;
  return now;
}

void HubClock::RaiseFloor(absl::Time floor) {
  absl::MutexLock lock(&mu_);
  if (floor <= last_) return;
  // As if the floor had just been given: Now() continues from it, and
  // gives the wall clock once that is ahead.
  last_ = floor;
  last_steady_ = steady_->Now();
}

absl::Time HubClock::LatestGiven() const {
  absl::MutexLock lock(&mu_);
  return last_;
}

}  // namespace rosa
