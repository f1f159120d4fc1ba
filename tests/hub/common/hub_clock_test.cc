// Tests of HubClock with a wall clock and a steady clock the test moves: it
// follows the wall clock, never goes back when the wall clock steps back,
// keeps moving at half speed until the wall clock has caught up, and takes
// a step forward as it comes; and tells the latest time it gave.
#include "hub/common/hub_clock.h"

#include "gtest/gtest.h"
#include "tests/testutil/fixed_clock.h"

namespace rosa {
namespace {

class HubClockTest : public ::testing::Test {
 protected:
  // Time passes: both clocks move.
  void Pass(absl::Duration d) {
    wall_.Advance(d);
    steady_.Advance(d);
  }
  // The wall clock is set, by `d`; no time passes.
  void Step(absl::Duration d) { wall_.Advance(d); }

  testutil::FixedClock wall_;
  testutil::FixedClock steady_{absl::UnixEpoch() + absl::Hours(5)};
  HubClock clock_{&wall_, &steady_};
};

TEST_F(HubClockTest, FollowsTheWallClock) {
  EXPECT_EQ(clock_.Now(), wall_.Now());
  Pass(absl::Minutes(7));
  EXPECT_EQ(clock_.Now(), wall_.Now());
  Pass(absl::Hours(30));
  EXPECT_EQ(clock_.Now(), wall_.Now());
}

TEST_F(HubClockTest, NeverGoesBackAndCatchesUpAfterTwiceTheStep) {
  const absl::Time before = clock_.Now();
  Step(-absl::Hours(3));
  EXPECT_EQ(clock_.Now(), before);
  // Half speed while behind.
  Pass(absl::Hours(1));
  EXPECT_EQ(clock_.Now(), before + absl::Minutes(30));
  absl::Time last = clock_.Now();
  for (int i = 0; i < 5 * 60; ++i) {
    Pass(absl::Minutes(1));
    const absl::Time now = clock_.Now();
    EXPECT_GE(now, last);
    EXPECT_GE(now, wall_.Now());
    last = now;
  }
  // 6 h after the 3 h step the wall clock has caught up and leads again.
  EXPECT_EQ(clock_.Now(), wall_.Now());
  Pass(absl::Hours(2));
  EXPECT_EQ(clock_.Now(), wall_.Now());
}

TEST_F(HubClockTest, TakesAStepForwardAsItComes) {
  const absl::Time before = clock_.Now();
  Step(absl::Hours(2));
  EXPECT_EQ(clock_.Now(), before + absl::Hours(2));
  Pass(absl::Minutes(1));
  EXPECT_EQ(clock_.Now(), wall_.Now());
}

TEST_F(HubClockTest, SmallBackStepsInARowNeverShowAnEarlierTime) {
  absl::Time last = clock_.Now();
  for (int i = 0; i < 100; ++i) {
    Step(-absl::Seconds(1));
    Pass(absl::Milliseconds(100));
    const absl::Time now = clock_.Now();
    EXPECT_GE(now, last);
    last = now;
  }
}

TEST_F(HubClockTest, StartsAtAFloorAheadOfTheWallClockAndCatchesUp) {
  // A hub started 3 h after the latest time it stored, by a wall clock
  // that is now 3 h behind: it starts at that time, at half speed.
  const absl::Time floor = wall_.Now() + absl::Hours(3);
  clock_.RaiseFloor(floor);
  EXPECT_EQ(clock_.Now(), floor);
  Pass(absl::Hours(1));
  EXPECT_EQ(clock_.Now(), floor + absl::Minutes(30));
  Pass(absl::Hours(5));
  EXPECT_EQ(clock_.Now(), floor + absl::Hours(3));
  EXPECT_EQ(clock_.Now(), wall_.Now());  // Caught up after twice the gap.
  Pass(absl::Minutes(1));
  EXPECT_EQ(clock_.Now(), wall_.Now());
}

TEST_F(HubClockTest, AFloorBehindTheClockChangesNothing) {
  const absl::Time now = clock_.Now();
  clock_.RaiseFloor(now - absl::Hours(1));
  EXPECT_EQ(clock_.Now(), now);
  Pass(absl::Minutes(5));
  clock_.RaiseFloor(absl::InfinitePast());
  EXPECT_EQ(clock_.Now(), wall_.Now());
}

TEST_F(HubClockTest, LatestGivenIsTheLastTimeGivenAndDoesNotMoveTheClock) {
  EXPECT_EQ(clock_.LatestGiven(), absl::InfinitePast());
  const absl::Time given = clock_.Now();
  Pass(absl::Hours(1));  // Time passes, but nothing asked the clock.
  EXPECT_EQ(clock_.LatestGiven(), given);
  EXPECT_EQ(clock_.LatestGiven(), given);
  // Behind the wall clock after a back step: still the time last given.
  Step(-absl::Hours(3));
  const absl::Time held = clock_.Now();
  EXPECT_GT(held, wall_.Now());
  EXPECT_EQ(clock_.LatestGiven(), held);
  // A floor ahead of it counts as given.
  clock_.RaiseFloor(held + absl::Hours(5));
  EXPECT_EQ(clock_.LatestGiven(), held + absl::Hours(5));
}

TEST(SteadyClockTest, NeverGoesBack) {
  SteadyClock steady;
  absl::Time last = steady.Now();
  for (int i = 0; i < 1000; ++i) {
    const absl::Time now = steady.Now();
    EXPECT_GE(now, last);
    last = now;
  }
}

}  // namespace
}  // namespace rosa
