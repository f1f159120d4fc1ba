// A hub restarted while its wall clock is hours behind the times it stored
// (issue 14, point 7): at start its clock is raised to the latest stored
// time (RaiseClockToStore, as app/hub_server.cc does), so that the status
// steps, events, audit entries and holds it writes after the restart keep
// the ordering rules, the audit log verifies, and availability figures and
// holds fall due at most the time it was behind late, never early.
//
// Each test runs twice: with the floor, where no rule may break, and as a
// control without it (the hub as before: a new HubClock starts from the
// wall clock), where the rule breaks: so the test can fail.
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "hub/audit/store_clock_floor.h"
#include "hub/common/hub_clock.h"
#include "tests/hub/placement/clock_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

class ClockRestartTest : public testing_placement::ClockFixture,
                         public ::testing::WithParamInterface<bool> {
 protected:
  bool WithFloor() const { return GetParam(); }
  const Clock* DeskClock() const override { return hub_clock_.get(); }
  // The store keeps that clock's latest time, as the hub's does.
  const HubClock* MarkedClock() const override { return hub_clock_.get(); }

  // The hub stops; the wall clock is set by `step`; a new hub (a new
  // HubClock) opens the same store.
  void Restart(absl::Duration step) {
    TearDown();
    Step(step);
    hub_clock_ = std::make_unique<HubClock>(&clock_, &steady_);
    OpenStoreAndDesks();
    if (WithFloor()) {
      auto floor = audit::RaiseClockToStore(*db_, *hub_clock_);
      ASSERT_TRUE(floor.ok()) << floor.status();
      EXPECT_GT(*floor, clock_.Now());  // The wall clock is behind it.
    }
  }

  std::unique_ptr<HubClock> hub_clock_ =
      std::make_unique<HubClock>(&clock_, &steady_);
};

TEST_P(ClockRestartTest, StepsEventsAndAuditEntriesStayInOrder) {
  auto submitted = Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN));
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  Pass(absl::Minutes(10));
  Restart(-absl::Hours(3));
  Pass(absl::Minutes(5));
  auto received = Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED);
  if (!WithFloor()) {
    // Control: the partner gave no time, yet the hub's own time for the
    // step is "earlier than the referral's previous step".
    EXPECT_EQ(received.status().code(), absl::StatusCode::kInvalidArgument);
    return;
  }
  ASSERT_TRUE(received.ok()) << received.status();
  // Keep writing while the clock catches up, and after.
  auto second = Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN));
  ASSERT_TRUE(second.ok()) << second.status();
  Pass(absl::Hours(2));
  auto accepted = Move("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  Pass(absl::Hours(5));
  ASSERT_TRUE(
      Move("ks-oslo", second->referral().id(), v1::REFERRAL_STATE_RECEIVED)
          .ok());
  ASSERT_EQ(accepted->history_size(), 3);
  for (int i = 1; i < accepted->history_size(); ++i) {
    EXPECT_GE(FromProtoTime(accepted->history(i).recorded_at()),
              FromProtoTime(accepted->history(i - 1).recorded_at()));
  }
  ExpectStreamInOrder("rosa");
  ExpectStreamInOrder("ks-oslo");
  ExpectAuditInOrder();
}

TEST_P(ClockRestartTest, AStaleFigureIsLateByAtMostTheTimeBehind) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 3)}).ok());
  Pass(absl::Hours(23));
  // The last write before the restart: a referral, 23 h after the report.
  ASSERT_TRUE(Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN)).ok());
  Restart(-absl::Hours(3));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 3);
  // The hub's clock starts at the referral's time and runs at half speed:
  // the 24 h are up after 2 h, not after the 4 h the wall clock needs.
  Pass(absl::Hours(2) + absl::Minutes(1));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), WithFloor() ? -1 : 3);
}

TEST_P(ClockRestartTest, AHoldFallsDueNeverEarlyAndAtMostTheTimeBehindLate) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 1)}).ok());
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok()) << held.status();
  const std::string id = held->referral().id();
  Pass(absl::Hours(1));
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  Restart(-absl::Hours(3));
  EXPECT_EQ(HoldState(id), v1::HOLD_STATE_ACTIVE);
  // The 2 h hold has 1 h to run on the hub's clock, which runs at half
  // speed from the restart: due 2 h later (the wall clock needs 4 h).
  const absl::Duration after = UntilExpired(id, absl::Hours(6));
  if (WithFloor()) {
    EXPECT_GE(after, absl::Hours(1));  // Never early.
    EXPECT_LE(after, absl::Hours(2));
    EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 1);  // The place is free again.
    ExpectStreamInOrder("rosa");
    ExpectAuditInOrder();
  } else {
    EXPECT_GT(after, absl::Hours(3));  // Control: the 3 h behind, and more.
  }
}

INSTANTIATE_TEST_SUITE_P(Restarts, ClockRestartTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "FloorFromStore"
                                             : "WallClockOnly";
                         });

}  // namespace
}  // namespace rosa
