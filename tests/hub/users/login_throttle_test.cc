// The in-memory hold after a failed login: an account waits out its delay,
// a name that is no user is counted and locked like a user, and the map
// stays bounded.
#include "hub/users/login_throttle.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace rosa::users {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1780000000);

TEST(LoginThrottleTest, AnAccountWaitsOutItsHold) {
  LoginThrottle throttle;
  EXPECT_EQ(throttle.Wait("ks-oslo/kari", kNow), absl::ZeroDuration());
  throttle.Hold("ks-oslo/kari", kNow, absl::Seconds(2));
  EXPECT_EQ(throttle.Wait("ks-oslo/kari", kNow + absl::Seconds(1)),
            absl::Seconds(1));
  EXPECT_EQ(throttle.Wait("ks-oslo/other", kNow), absl::ZeroDuration());
  EXPECT_EQ(throttle.Wait("ks-oslo/kari", kNow + absl::Seconds(2)),
            absl::ZeroDuration());
}

TEST(LoginThrottleTest, AnUnknownNameIsCountedAndLockedLikeAUser) {
  LoginThrottle throttle;
  const LoginPolicy policy;
  absl::Time t = kNow;
  FailureRecord user;  // What the store would keep for a real user.
  for (int i = 1; i <= policy.lock_after; ++i) {
    bool locked_now = false;
    user = AfterFailure(user, t, policy, &locked_now);
    const absl::Duration user_wait = IsLocked(user, t)
                                         ? user.locked_until - t
                                         : FailureDelay(user.failed, policy);
    EXPECT_EQ(throttle.FailUnknown("ks-oslo/nobody", t, policy), user_wait)
        << "failure " << i;
    t += user_wait;
  }
  // The fifth locked it for lock_for: held that long, then free again.
  EXPECT_EQ(throttle.Wait("ks-oslo/nobody", t - absl::Seconds(1)),
            absl::Seconds(1));
  EXPECT_EQ(throttle.Wait("ks-oslo/nobody", t), absl::ZeroDuration());
}

TEST(LoginThrottleTest, StaysBounded) {
  LoginThrottle throttle(/*max_accounts=*/3);
  for (int i = 0; i < 3; ++i) {
    throttle.Hold(absl::StrCat("p/expired", i), kNow, absl::Seconds(1));
  }
  // Full of expired holds: they make room, and the live one stays.
  throttle.Hold("p/live", kNow + absl::Seconds(5), absl::Seconds(10));
  throttle.Hold("p/live2", kNow + absl::Seconds(5), absl::Seconds(10));
  EXPECT_GT(throttle.Wait("p/live", kNow + absl::Seconds(6)),
            absl::ZeroDuration());
  EXPECT_GT(throttle.Wait("p/live2", kNow + absl::Seconds(6)),
            absl::ZeroDuration());
}

}  // namespace
}  // namespace rosa::users
