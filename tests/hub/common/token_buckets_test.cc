// Per-key token buckets (the partner gate's calls, the ingest desk's
// records): a key starts full, spends what it takes, gets `rate` back per
// second up to `burst`, is refused without spending past what it has, and
// each key has its own.
#include "hub/common/token_buckets.h"

#include "gtest/gtest.h"
#include "tests/testutil/fixed_clock.h"

namespace rosa {
namespace {

TEST(TokenBucketsTest, SpendsRefillsAndRefusesWithoutSpending) {
  testutil::FixedClock clock;
  TokenBuckets buckets(&clock, /*rate=*/10, /*burst=*/100);
  EXPECT_TRUE(buckets.Take("ks-oslo", 60));
  EXPECT_FALSE(buckets.Take("ks-oslo", 60));  // 40 left: nothing spent.
  EXPECT_TRUE(buckets.Take("ks-oslo", 40));
  EXPECT_FALSE(buckets.Take("ks-oslo", 1));
  // Another partner has its own.
  EXPECT_TRUE(buckets.Take("filemon", 100));

  clock.Advance(absl::Seconds(2));  // 20 back.
  EXPECT_FALSE(buckets.Take("ks-oslo", 21));
  EXPECT_TRUE(buckets.Take("ks-oslo", 20));
  clock.Advance(absl::Hours(1));  // Never more than the burst.
  EXPECT_FALSE(buckets.Take("ks-oslo", 101));
  EXPECT_TRUE(buckets.Take("ks-oslo", 100));
}

TEST(TokenBucketsTest, AClockSteppedBackRefillsNothing) {
  testutil::FixedClock clock;
  TokenBuckets buckets(&clock, /*rate=*/10, /*burst=*/100);
  EXPECT_TRUE(buckets.Take("ks-oslo", 100));
  clock.Advance(-absl::Hours(1));
  EXPECT_FALSE(buckets.Take("ks-oslo", 1));
  clock.Advance(absl::Milliseconds(100));  // Counted from the step.
  EXPECT_TRUE(buckets.Take("ks-oslo", 1));
}

}  // namespace
}  // namespace rosa
