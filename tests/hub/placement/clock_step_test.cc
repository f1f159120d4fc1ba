// The hub's wall clock stepping back or forward by hours (NTP corrections,
// an operator setting the date) and daylight saving time in Europe/Oslo,
// while referrals, status changes, availability reports, holds and the
// event stream are in use, on the real store and desks (issue 14, part 7).
//
// Each test runs twice: with the desks on the hub's clock (HubClock over the
// wall clock, as app/hub_server.h builds it), where no rule may break, and
// as a control on the bare wall clock, as the hub was before HubClock, where
// the tests marked "control" must see the rule break: so the test can fail.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/hub_clock.h"
#include "tests/hub/placement/clock_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::StartsWith;

class ClockStepTest : public testing_placement::ClockFixture,
                      public ::testing::WithParamInterface<bool> {
 protected:
  bool OnHubClock() const { return GetParam(); }
  const Clock* DeskClock() const override {
    if (OnHubClock()) return &hub_clock_;
    return &clock_;
  }

  HubClock hub_clock_{&clock_, &steady_};
};

TEST_P(ClockStepTest, AStatusChangeAfterABackStepIsNotRefused) {
  auto submitted = Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN));
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  Pass(absl::Minutes(5));
  Step(-absl::Hours(3));
  Pass(absl::Minutes(5));
  auto received = Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED);
  if (!OnHubClock()) {
    // Control: the partner gave no time, yet the hub's own time for the
    // step is "earlier than the referral's previous step".
    EXPECT_EQ(received.status().code(), absl::StatusCode::kInvalidArgument);
    return;
  }
  ASSERT_TRUE(received.ok()) << received.status();
  Step(absl::Hours(5));  // And forward again, past where it was.
  auto accepted = Move("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  ASSERT_EQ(accepted->history_size(), 3);
  for (int i = 1; i < accepted->history_size(); ++i) {
    EXPECT_GE(FromProtoTime(accepted->history(i).occurred_at()),
              FromProtoTime(accepted->history(i - 1).occurred_at()));
    EXPECT_GE(FromProtoTime(accepted->history(i).recorded_at()),
              FromProtoTime(accepted->history(i - 1).recorded_at()));
  }
  ExpectStreamInOrder("rosa");
  ExpectStreamInOrder("ks-oslo");
  ExpectAuditInOrder();
}

TEST_P(ClockStepTest, AStaleFigureNeverTurnsFreshAgain) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 3)}).ok());
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 3);
  Pass(absl::Hours(25));  // Older than the 24 h freshness limit.
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), -1);
  Step(-absl::Hours(3));
  Pass(absl::Minutes(1));
  if (OnHubClock()) {
    EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), -1);
  } else {
    // Control: the 3 free places are shown again as if fresh.
    EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 3);
  }
}

TEST_P(ClockStepTest, AHoldFallsDueAtMostOneBackStepLate) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 1)}).ok());
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok()) << held.status();
  const std::string id = held->referral().id();
  Pass(absl::Hours(1));
  Step(-absl::Hours(3));
  EXPECT_EQ(HoldState(id), v1::HOLD_STATE_ACTIVE);
  // The 2 h hold: never early, at most the 3 h step late.
  const absl::Duration after =
      absl::Hours(1) + UntilExpired(id, absl::Hours(6));
  EXPECT_GE(after, absl::Hours(2));
  EXPECT_LE(after, absl::Hours(2) + absl::Hours(3));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 1);  // The place is free again.
  ExpectStreamInOrder("rosa");
}

TEST_P(ClockStepTest, AHoldFallsDueAtMostOneForwardStepEarly) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 1)}).ok());
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok()) << held.status();
  const std::string id = held->referral().id();
  Pass(absl::Minutes(30));
  EXPECT_EQ(HoldState(id), v1::HOLD_STATE_ACTIVE);
  Step(absl::Hours(1));
  // 1 h 30 min into the 2 h hold plus the 1 h step: due, 30 min early.
  const absl::Duration after =
      absl::Minutes(30) + UntilExpired(id, absl::Hours(3));
  EXPECT_GE(after, absl::Hours(2) - absl::Hours(1));
  EXPECT_LE(after, absl::Hours(2));
}

TEST_P(ClockStepTest, DaylightSavingTimeInOsloChangesNothing) {
  // 2026-10-25 02:30 CEST, an hour before Norway turns its clocks back.
  SetWall(absl::CivilSecond(2026, 10, 25, 0, 30, 0));
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}).ok());
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok()) << held.status();
  const std::string id = held->referral().id();
  // 02:30 CET: the same local time again, an hour later.
  Pass(absl::Hours(1));
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  EXPECT_EQ(HoldState(id), v1::HOLD_STATE_ACTIVE);
  EXPECT_EQ(UntilExpired(id, absl::Hours(3)), absl::Hours(1));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 2);
  // 2027-03-28 01:30 CET, and 03:30 CEST an hour later.
  SetWall(absl::CivilSecond(2027, 3, 28, 0, 30, 0));
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}).ok());
  Pass(absl::Hours(23) + absl::Minutes(59));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 2);  // 23 h 59 min: still fresh.
  Pass(absl::Minutes(2));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), -1);
  ExpectStreamInOrder("rosa");
  ExpectAuditInOrder();
}

TEST_P(ClockStepTest, ABackStepOverNewYearInOsloIssuesNoOldYearId) {
  // 23:50 in Oslo on New Year's Eve, then 00:10 on New Year's Day.
  SetWall(absl::CivilSecond(2026, 12, 31, 22, 50, 0));
  auto last_year = Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN));
  ASSERT_TRUE(last_year.ok()) << last_year.status();
  EXPECT_THAT(last_year->referral().id(), StartsWith("R-2026-"));
  Pass(absl::Minutes(20));
  auto new_year = Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN));
  ASSERT_TRUE(new_year.ok()) << new_year.status();
  EXPECT_EQ(new_year->referral().id(), "R-2027-000001");
  Step(-absl::Hours(1));
  auto after_step = Submit("rosa", Placement("ks-oslo", v1::GENDER_WOMAN));
  ASSERT_TRUE(after_step.ok()) << after_step.status();
  if (OnHubClock()) {
    EXPECT_EQ(after_step->referral().id(), "R-2027-000002");
    ExpectStreamInOrder("rosa");
    ExpectAuditInOrder();
  } else {
    // Control: a referral made in 2027 counted in 2026.
    EXPECT_THAT(after_step->referral().id(), StartsWith("R-2026-"));
  }
}

INSTANTIATE_TEST_SUITE_P(Clocks, ClockStepTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "HubClock" : "BareWallClock";
                         });

}  // namespace
}  // namespace rosa
