#include "hub/referral/referral_state_machine.h"

#include <set>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

const v1::ReferralState kAllStates[] = {
    v1::REFERRAL_STATE_UNSPECIFIED, v1::REFERRAL_STATE_REQUESTED,
    v1::REFERRAL_STATE_RECEIVED,    v1::REFERRAL_STATE_ACCEPTED,
    v1::REFERRAL_STATE_REJECTED,    v1::REFERRAL_STATE_IN_PROGRESS,
    v1::REFERRAL_STATE_COMPLETED,   v1::REFERRAL_STATE_CANCELLED,
};

// The lifecycle as the issue states it, written out independently of the
// table in the implementation.
const std::set<std::pair<v1::ReferralState, v1::ReferralState>> kLegal = {
    {v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_RECEIVED},
    {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED},
    {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_REJECTED},
    {v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_IN_PROGRESS},
    {v1::REFERRAL_STATE_IN_PROGRESS, v1::REFERRAL_STATE_COMPLETED},
    {v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_CANCELLED},
    {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_CANCELLED},
    {v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_CANCELLED},
};

TEST(ReferralStateMachineTest, EveryPairIsLegalExactlyWhenTheLifecycleSaysSo) {
  for (v1::ReferralState from : kAllStates) {
    for (v1::ReferralState to : kAllStates) {
      const absl::Status s = CheckTransition(from, to);
      if (kLegal.count({from, to}) > 0) {
        EXPECT_TRUE(s.ok()) << ReferralStateName(from) << " -> "
                            << ReferralStateName(to) << ": " << s;
      } else {
        EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition)
            << ReferralStateName(from) << " -> " << ReferralStateName(to);
        EXPECT_THAT(std::string(s.message()),
                    HasSubstr(std::string(ReferralStateName(from))));
      }
    }
  }
}

TEST(ReferralStateMachineTest, IllegalStepNamesCurrentAndTargetState) {
  const absl::Status s = CheckTransition(v1::REFERRAL_STATE_RECEIVED,
                                         v1::REFERRAL_STATE_IN_PROGRESS);
  EXPECT_EQ(std::string(s.message()),
            "referral is received; it cannot move to in_progress");
}

TEST(ReferralStateMachineTest, TerminalStatesLeadNowhere) {
  for (v1::ReferralState from : kAllStates) {
    bool has_exit = false;
    for (v1::ReferralState to : kAllStates) {
      has_exit = has_exit || CheckTransition(from, to).ok();
    }
    if (IsTerminal(from)) {
      EXPECT_FALSE(has_exit) << ReferralStateName(from);
    }
  }
  EXPECT_TRUE(IsTerminal(v1::REFERRAL_STATE_REJECTED));
  EXPECT_TRUE(IsTerminal(v1::REFERRAL_STATE_COMPLETED));
  EXPECT_TRUE(IsTerminal(v1::REFERRAL_STATE_CANCELLED));
  EXPECT_FALSE(IsTerminal(v1::REFERRAL_STATE_ACCEPTED));
}

TEST(ReferralStateMachineTest, OnlyCancelBelongsToTheSender) {
  EXPECT_EQ(SideThatMovesTo(v1::REFERRAL_STATE_CANCELLED),
            ReferralSide::kSender);
  for (v1::ReferralState to :
       {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
        v1::REFERRAL_STATE_REJECTED, v1::REFERRAL_STATE_IN_PROGRESS,
        v1::REFERRAL_STATE_COMPLETED}) {
    EXPECT_EQ(SideThatMovesTo(to), ReferralSide::kRecipient)
        << ReferralStateName(to);
  }
}

TEST(ReferralStateMachineTest, NamesFollowFhirTask) {
  EXPECT_EQ(ReferralStateName(v1::REFERRAL_STATE_IN_PROGRESS), "in_progress");
  EXPECT_EQ(ReferralTypeName(v1::REFERRAL_TYPE_LEGAL_COUNSEL), "legal_counsel");
}

}  // namespace
}  // namespace rosa
