#include "hub/users/login_guard.h"

#include <gtest/gtest.h>

namespace rosa::users {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

TEST(LoginGuardTest, LocksAtTheFifthFailureForFifteenMinutes) {
  const LoginPolicy policy;
  FailureRecord record;
  bool locked_now = false;
  for (int i = 1; i <= 4; ++i) {
    record = AfterFailure(record, kNow, policy, &locked_now);
    EXPECT_FALSE(locked_now) << i;
    EXPECT_FALSE(IsLocked(record, kNow)) << i;
  }
  record = AfterFailure(record, kNow, policy, &locked_now);
  EXPECT_TRUE(locked_now);
  EXPECT_TRUE(IsLocked(record, kNow + absl::Minutes(14)));
  EXPECT_FALSE(IsLocked(record, kNow + absl::Minutes(15)));
}

TEST(LoginGuardTest, AFailureAfterTheLockRunsOutStartsAFreshCount) {
  const LoginPolicy policy;
  FailureRecord record{.failed = 5, .locked_until = kNow};
  bool locked_now = true;
  record = AfterFailure(record, kNow + absl::Minutes(1), policy, &locked_now);
  EXPECT_FALSE(locked_now);
  EXPECT_EQ(record.failed, 1);
}

TEST(LoginGuardTest, EachFailureSlowsTheAnswerUpToTheCeiling) {
  const LoginPolicy policy;
  EXPECT_EQ(FailureDelay(0, policy), absl::ZeroDuration());
  EXPECT_EQ(FailureDelay(1, policy), absl::Seconds(1));
  EXPECT_EQ(FailureDelay(2, policy), absl::Seconds(2));
  EXPECT_EQ(FailureDelay(3, policy), absl::Seconds(4));
  EXPECT_EQ(FailureDelay(4, policy), absl::Seconds(8));
  EXPECT_EQ(FailureDelay(50, policy), absl::Seconds(8));
}

}  // namespace
}  // namespace rosa::users
