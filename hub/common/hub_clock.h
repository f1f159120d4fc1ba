// HubClock: the hub's "now". It is the wall clock, except that it never goes
// back: when the wall clock steps back (an NTP correction, an operator
// setting the date), the hub's time keeps moving forward at half the rate of
// a clock that never steps until the wall clock has caught up (after twice
// the step), and then follows the wall clock again. A step forward is taken
// as it comes.
//
// So, for everything the desks stamp with this clock:
//  - times never decrease: a status change never looks earlier than the step
//    before it, an event or audit entry never older than the one before;
//  - an age (now - then) never shrinks and never goes negative for a time
//    this clock gave: a stale availability figure never turns fresh again;
//  - a deadline (a place hold's expiry) falls due at most one step early
//    (forward step) or late (back step), and always falls due.
// A hub that starts while its wall clock is behind the latest time its store
// holds (RaiseFloor, from store_clock_floor.h at open) starts at that time
// and runs from there as after a back step: at half speed until the wall
// clock has caught up, so nothing it stamps is earlier than what it stored.
// (The store learns that time from LatestGiven, written with every commit.)
// Daylight saving time does not touch it: it is UTC; the hub turns it into
// Europe/Oslo civil time only where a rule speaks of local dates.
//
// Thread-safety: thread-safe.
#ifndef ROSA_HUB_COMMON_HUB_CLOCK_H_
#define ROSA_HUB_COMMON_HUB_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"

namespace rosa {

// A clock that never steps (CLOCK_MONOTONIC): only the difference between
// two readings means anything, its values are no date.
class SteadyClock final : public Clock {
 public:
  absl::Time Now() const override;
};

class HubClock final : public Clock {
 public:
  // Reads the date from `wall` and how much time passed from `steady` (a
  // clock that never steps). Neither is owned; both must outlive this.
  HubClock(const Clock* wall, const Clock* steady);

  absl::Time Now() const override;

  // From now on never earlier than `floor`: if the clock would give an
  // earlier time, it gives `floor` and moves on from there at half speed
  // until the wall clock has caught up (as after a back step). A floor at
  // or before the time the clock would give changes nothing.
  void RaiseFloor(absl::Time floor);

  // The latest time Now() has given (or the floor RaiseFloor set, if that
  // is later); InfinitePast before either. Every time Now() gave so far is
  // at or before it. Does not move the clock (the store's clock mark is
  // written from it: store_clock_floor.h).
  absl::Time LatestGiven() const;

 private:
  const Clock* const wall_;
  const Clock* const steady_;
  mutable absl::Mutex mu_;
  // The last time given and the steady reading then; InfinitePast before
  // the first call.
  mutable absl::Time last_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  mutable absl::Time last_steady_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_HUB_CLOCK_H_
