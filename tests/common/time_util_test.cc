#include "common/time_util.h"

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(BeforeAtMinuteResolutionTest, SameMinuteIsNotBefore) {
  // A referral sent at 09:40:30 UTC; a centre logs "09:40".
  const absl::Time sent = absl::FromUnixSeconds(1764322830);  // ..:40:30
  const absl::Time logged = absl::FromUnixSeconds(1764322800);  // ..:40:00
  EXPECT_FALSE(BeforeAtMinuteResolution(logged, sent));
  EXPECT_FALSE(BeforeAtMinuteResolution(sent, sent));
  EXPECT_FALSE(BeforeAtMinuteResolution(sent + absl::Seconds(1), sent));
}

TEST(BeforeAtMinuteResolutionTest, AnEarlierMinuteIsBefore) {
  const absl::Time sent = absl::FromUnixSeconds(1764322830);
  EXPECT_TRUE(BeforeAtMinuteResolution(sent - absl::Seconds(31), sent));
  EXPECT_TRUE(BeforeAtMinuteResolution(sent - absl::Hours(1), sent));
}

TEST(BeforeAtMinuteResolutionTest, RoundTripsThroughProtoTime) {
  const absl::Time t = absl::FromUnixMicros(1764322830123456);
  EXPECT_EQ(FromProtoTime(ToProtoTime(t)), t);
}

}  // namespace
}  // namespace rosa
