// FixedClock: a rosa::Clock that stands still until the test moves it.
// Header-only helper for the unit tests.
//
// Example:
//   rosa::testutil::FixedClock clock;
//   clock.Advance(absl::Seconds(1));
//
// Thread-safety: Now, Set and Advance may be called from any thread.
#ifndef ROSA_TESTS_TESTUTIL_FIXED_CLOCK_H_
#define ROSA_TESTS_TESTUTIL_FIXED_CLOCK_H_

#include <mutex>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"

namespace rosa::testutil {

class FixedClock final : public Clock {
 public:
  absl::Time Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  void Set(absl::Time now) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = now;
  }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }

 private:
  mutable std::mutex mu_;
  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2026, 11, 29, 10, 0, 0),
                                    absl::UTCTimeZone());
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_FIXED_CLOCK_H_
