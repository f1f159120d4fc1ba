// FixedClock: a Clock for tests that stands still until the test moves it,
// safe to read from the threads of the code under test while the test
// thread sets or advances it. Header-only.
//
// Example:
//   rosa::testutil::FixedClock clock(absl::FromUnixSeconds(1'800'000'000));
//   FileDrop drop(..., FileDrop::Options{.clock = &clock});
//   clock.Advance(absl::Hours(24 * 8));
//
// Thread-safety: every method is thread-safe.
#ifndef ROSA_TESTS_TESTUTIL_FIXED_CLOCK_H_
#define ROSA_TESTS_TESTUTIL_FIXED_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"

namespace rosa::testutil {

class FixedClock final : public Clock {
 public:
  // 2026-11-29 10:00 UTC unless told otherwise.
  FixedClock()
      : FixedClock(absl::FromCivil(absl::CivilSecond(2026, 11, 29, 10, 0, 0),
                                   absl::UTCTimeZone())) {}
  explicit FixedClock(absl::Time now) : now_(now) {}

  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Set(absl::Time now) {
    absl::MutexLock lock(&mu_);
    now_ = now;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_FIXED_CLOCK_H_
