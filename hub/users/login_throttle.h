// Slows down password guessing without holding a server thread: after a
// failed login the account may not try again until its delay
// (login_guard.h's FailureDelay) has passed; an attempt before that is
// refused at once, without checking the password and without counting as
// a failure. The lock after repeated failures lives in the store
// (login_guard.h); this wait lives in memory, so a restart clears it.
// A name that is no user gets the same treatment, its failures counted
// and locked here by the same rule, so that neither the answers nor their
// timing tell whether an account exists.
// Bounded: at most `max_accounts` accounts are kept; expired ones go first.
// Thread-safety: thread-safe.
#ifndef ROSA_HUB_USERS_LOGIN_THROTTLE_H_
#define ROSA_HUB_USERS_LOGIN_THROTTLE_H_

#include <cstddef>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/users/login_guard.h"

namespace rosa::users {

class LoginThrottle {
 public:
  explicit LoginThrottle(size_t max_accounts = 10000)
      : max_accounts_(max_accounts) {}

  // How long `account` ("partner/name", known or not) must still wait at
  // `now`; zero when it may try.
  absl::Duration Wait(const std::string& account, absl::Time now) const;
  // After a failure at `now`: no attempt before now + `delay`.
  void Hold(const std::string& account, absl::Time now, absl::Duration delay);
  // A failed login of a name that is no user: counted and locked by
  // `policy` as a user's would be; holds it and returns the wait.
  absl::Duration FailUnknown(const std::string& account, absl::Time now,
                             const LoginPolicy& policy);

 private:
  struct Entry {
    absl::Time until = absl::InfinitePast();
    FailureRecord unknown;  // Only for names that are no user.
  };
  // The entry of `account`, made room for. REQUIRES: mu_ held.
  Entry& EntryFor(const std::string& account, absl::Time now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_accounts_;
  mutable absl::Mutex mu_;
  std::map<std::string, Entry, std::less<>> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_LOGIN_THROTTLE_H_
