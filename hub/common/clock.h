// The hub's source of "now", behind an interface so that tests can fix time.
// Thread-safe: implementations must be callable from any thread.
#ifndef ROSA_HUB_COMMON_CLOCK_H_
#define ROSA_HUB_COMMON_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rosa {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// `clock`, or the process's one SystemClock (never destroyed) when null:
// for components whose options take an optional clock.
inline const Clock* ClockOrSystem(const Clock* clock) {
  static const Clock* const kSystemClock = new SystemClock;
  return clock != nullptr ? clock : kSystemClock;
}

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_CLOCK_H_
