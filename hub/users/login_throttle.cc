#include "hub/users/login_throttle.h"

#include <iterator>

namespace rosa::users {

absl::Duration LoginThrottle::Wait(const std::string& account,
                                   absl::Time now) const {
  absl::MutexLock lock(&mu_);
  const auto it = entries_.find(account);
  if (it == entries_.end() || it->second.until <= now) {
    return absl::ZeroDuration();
  }
  return it->second.until - now;
}

LoginThrottle::Entry& LoginThrottle::EntryFor(const std::string& account,
                                              absl::Time now) {
  if (entries_.size() >= max_accounts_ && entries_.count(account) == 0) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      const bool live =
          it->second.until > now || IsLocked(it->second.unknown, now);
      it = live ? std::next(it) : entries_.erase(it);
    }
    // Still full of live waits (a flood of names): the first in name
    // order makes room, and that account's next try is not held back.
    if (entries_.size() >= max_accounts_) entries_.erase(entries_.begin());
  }
  return entries_[account];
}

void LoginThrottle::Hold(const std::string& account, absl::Time now,
                         absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  EntryFor(account, now).until = now + delay;
}

absl::Duration LoginThrottle::FailUnknown(const std::string& account,
                                          absl::Time now,
                                          const LoginPolicy& policy) {
  absl::MutexLock lock(&mu_);
  Entry& entry = EntryFor(account, now);
  bool locked_now = false;
  entry.unknown = AfterFailure(entry.unknown, now, policy, &locked_now);
  const absl::Duration wait = IsLocked(entry.unknown, now)
                                  ? entry.unknown.locked_until - now
                                  : FailureDelay(entry.unknown.failed, policy);
  entry.until = now + wait;
  return wait;
}

}  // namespace rosa::users
