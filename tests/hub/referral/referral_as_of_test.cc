#include "hub/referral/referral_as_of.h"

#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

google::protobuf::Timestamp At(int64_t seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  return t;
}

// Requested at 100, received at 200, accepted at a facility at 300.
v1::Referral Accepted() {
  v1::Referral r;
  r.set_id("R-2026-000042");
  r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  r.set_sender("rosa");
  r.set_recipient("ks-oslo");
  *r.mutable_created_at() = At(100);
  v1::ReferralState from = v1::REFERRAL_STATE_UNSPECIFIED;
  int64_t at = 100;
  for (auto to : {v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_RECEIVED,
                  v1::REFERRAL_STATE_ACCEPTED}) {
    v1::Transition* t = r.add_history();
    t->set_from(from);
    t->set_to(to);
    *t->mutable_occurred_at() = At(at - 5);
    *t->mutable_recorded_at() = At(at);
    from = to;
    at += 100;
  }
  r.set_state(v1::REFERRAL_STATE_ACCEPTED);
  *r.mutable_updated_at() = At(300);
  r.set_version(3);
  r.mutable_facility()->set_id("ks-oslo-1");
  return r;
}

TEST(ReferralAsOfTest, EachVersionIsTheReferralAfterThatStep) {
  const v1::Referral now = Accepted();
  ASSERT_TRUE(CanRebuildCurrentVersion(now));

  auto first = ReferralAsOf(now, 1);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->version(), 1u);
  EXPECT_EQ(first->state(), v1::REFERRAL_STATE_REQUESTED);
  EXPECT_EQ(first->history_size(), 1);
  EXPECT_EQ(first->updated_at().seconds(), 100);
  EXPECT_FALSE(first->has_facility());
  EXPECT_EQ(first->created_at().seconds(), 100);
  EXPECT_EQ(first->recipient(), "ks-oslo");

  auto second = ReferralAsOf(now, 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->state(), v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(second->updated_at().seconds(), 200);
  EXPECT_FALSE(second->has_facility());

  auto third = ReferralAsOf(now, 3);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->SerializeAsString(), now.SerializeAsString());
}

TEST(ReferralAsOfTest, VersionsWithoutAStepCannotBeRebuilt) {
  v1::Referral now = Accepted();
  EXPECT_EQ(ReferralAsOf(now, 0).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ReferralAsOf(now, 4).status().code(), absl::StatusCode::kDataLoss);
  // An assisted-return update adds a version but no step: from then on the
  // current version is not rebuildable (its answers and events are kept
  // whole), while the earlier ones still are.
  now.mutable_assisted_return()->set_status_date("2026-12-10");
  now.set_version(4);
  EXPECT_FALSE(CanRebuildCurrentVersion(now));
  auto before = ReferralAsOf(now, 3);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->has_assisted_return());
  EXPECT_EQ(before->version(), 3u);
}

}  // namespace
}  // namespace rosa
