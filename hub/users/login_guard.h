// The rule for failed console logins: each failure in a row makes the
// next answer slower (1 s, 2 s, 4 s, at most 8 s), and the
// kLockAfter-th locks the user for `lock_for` (15 minutes); a success
// clears the count. The record lives with the user in the store, so a
// restart does not reset it. Pure: the caller stores and audits.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_USERS_LOGIN_GUARD_H_
#define ROSA_HUB_USERS_LOGIN_GUARD_H_

#include "absl/time/time.h"

namespace rosa::users {

struct LoginPolicy {
  int lock_after = 5;
  absl::Duration lock_for = absl::Minutes(15);
  absl::Duration first_delay = absl::Seconds(1);
  absl::Duration max_delay = absl::Seconds(8);
};

struct FailureRecord {
  int failed = 0;  // Failures in a row.
  absl::Time locked_until = absl::InfinitePast();
};

// True while the user is locked; no password is checked then.
bool IsLocked(const FailureRecord& record, absl::Time now);
// The record after one more failure at `now`; `*locked_now` tells whether
// this failure locked the user (it is audited).
FailureRecord AfterFailure(const FailureRecord& record, absl::Time now,
                           const LoginPolicy& policy, bool* locked_now);
// How long to wait before answering the `failed`-th failure in a row.
absl::Duration FailureDelay(int failed, const LoginPolicy& policy);

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_LOGIN_GUARD_H_
