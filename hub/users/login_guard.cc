#include "hub/users/login_guard.h"

#include <algorithm>

namespace rosa::users {

bool IsLocked(const FailureRecord& record, absl::Time now) {
  return now < record.locked_until;
}

FailureRecord AfterFailure(const FailureRecord& record, absl::Time now,
                           const LoginPolicy& policy, bool* locked_now) {
  FailureRecord next = record;
  // A lock that ran out starts a fresh count.
  if (record.locked_until != absl::InfinitePast() && !IsLocked(record, now)) {
    next = FailureRecord{};
  }
  ++next.failed;
  *locked_now = next.failed >= policy.lock_after;
  if (*locked_now) next.locked_until = now + policy.lock_for;
  return next;
}

absl::Duration FailureDelay(int failed, const LoginPolicy& policy) {
  if (failed <= 0) return absl::ZeroDuration();
  absl::Duration delay = policy.first_delay;
  for (int i = 1; i < failed && delay < policy.max_delay; ++i) delay *= 2;
  return std::min(delay, policy.max_delay);
}

}  // namespace rosa::users
