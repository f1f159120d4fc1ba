// Tests of holds through the referral desk and the placement desk on a real
// store: the last bed cannot be held twice, a hold expires by time and frees
// the place, acceptance claims the place until the facility reports newer
// figures, rejection and cancellation release it, and only ROSA hears of
// any of it.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/placement/placement_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class PlacementHoldTest : public testing_placement::PlacementFixture {
 protected:
  // ks-oslo reports one unit with `free` places.
  void OneUnit(uint32_t free, const std::string& name = "Akutt") {
    ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", name, free)}).ok());
  }
  size_t ReferralCount() {
    v1::ListReferralsRequest r;
    auto list = testing_placement::Await<v1::ListReferralsResponse>(
        [&](auto done) { referrals_->List(P("rosa"), r, done); });
    EXPECT_TRUE(list.ok()) << list.status();
    return list.ok() ? list->referrals_size() : 0;
  }
};

TEST_F(PlacementHoldTest, TheLastBedCannotBeHeldTwice) {
  OneUnit(1);
  auto first = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  EXPECT_EQ(View("ks-oslo").units(0).held(), 1u);

  auto second = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(second.status().message(),
            "hold: no fresh free place left in ks-oslo/Akutt");
  // Without the place, the referral was not made either.
  EXPECT_EQ(ReferralCount(), 1u);

  auto hold = GetHold(first->referral().id());
  ASSERT_TRUE(hold.ok()) << hold.status();
  EXPECT_EQ(hold->state(), v1::HOLD_STATE_ACTIVE);
  EXPECT_EQ(hold->facility_id(), "ks-oslo");
  EXPECT_EQ(hold->unit(), "Akutt");
  EXPECT_EQ(FromProtoTime(hold->expires_at()), clock_.Now() + absl::Hours(2));
  // The place is gone from ROSA's search too.
  v1::PlacementNeed need;
  need.set_gender(v1::GENDER_WOMAN);
  EXPECT_THAT(Find(need)->matches(), IsEmpty());
}

TEST_F(PlacementHoldTest, RacingSubmissionsTakeTheLastBedOnce) {
  OneUnit(1);
  // Queued together, they run in one writer batch: only one may win.
  std::vector<std::promise<absl::StatusOr<v1::SubmitReferralResponse>>> p(4);
  for (size_t i = 0; i < p.size(); ++i) {
    v1::SubmitReferralRequest r = Placement("ks-oslo", v1::GENDER_WOMAN);
    r.set_idempotency_key(NextKey());
    r.mutable_hold()->set_facility_id("ks-oslo");
    referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(),
                       [&p, i](auto result) { p[i].set_value(result); });
  }
  int won = 0;
  for (auto& promise : p) {
    auto r = promise.get_future().get();
    if (r.ok()) {
      ++won;
    } else {
      EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
    }
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
}

TEST_F(PlacementHoldTest, StaleOrMissingFiguresHoldNothing) {
  auto none = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  EXPECT_EQ(none.status().code(), absl::StatusCode::kFailedPrecondition);
  OneUnit(3);
  clock_.Advance(absl::Hours(24) + absl::Seconds(1));
  auto stale = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kFailedPrecondition);
  auto any = SubmitHolding("ks-oslo", "ks-oslo", "");
  EXPECT_EQ(any.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReferralCount(), 0u);
}

TEST_F(PlacementHoldTest, ExpiryFreesThePlace) {
  OneUnit(1);
  auto first = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(first.ok()) << first.status();
  clock_.Advance(absl::Hours(2) - absl::Seconds(1));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 1);
  EXPECT_EQ(GetHold(first->referral().id())->state(), v1::HOLD_STATE_EXPIRED);
  // The place may be held again, and accepting the first referral now
  // claims nothing.
  auto second = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_TRUE(
      Move("ks-oslo", first->referral().id(), v1::REFERRAL_STATE_RECEIVED)
          .ok());
  ASSERT_TRUE(
      Move("ks-oslo", first->referral().id(), v1::REFERRAL_STATE_ACCEPTED)
          .ok());
  EXPECT_EQ(GetHold(first->referral().id())->state(), v1::HOLD_STATE_EXPIRED);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
}

TEST_F(PlacementHoldTest, ExpireHoldsTellsRosaWhenPlacesComeFree) {
  OneUnit(1);
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok()) << held.status();
  const size_t before = AvailabilityEvents("rosa").size();
  auto expire = [&] {
    return db_->writer().SubmitAndWait(
        [&](store::WriteTxn& txn) { return placement_->ExpireHolds(txn); });
  };
  ASSERT_TRUE(expire().ok());
  EXPECT_EQ(AvailabilityEvents("rosa").size(), before);  // Not due yet.
  clock_.Advance(absl::Hours(2));
  ASSERT_TRUE(expire().ok());
  auto events = AvailabilityEvents("rosa");
  ASSERT_EQ(events.size(), before + 1);
  EXPECT_EQ(events.back().facility().units(0).free(), 1u);
  EXPECT_EQ(events.back().facility().units(0).held(), 0u);
  ASSERT_TRUE(expire().ok());
  EXPECT_EQ(AvailabilityEvents("rosa").size(), before + 1);
  ExpectNoAvailabilityOutsideRosa();
}

TEST_F(PlacementHoldTest, AcceptanceClaimsThePlaceUntilANewerReport) {
  OneUnit(1);
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok()) << held.status();
  const std::string id = held->referral().id();
  clock_.Advance(absl::Minutes(30));
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED).ok());
  EXPECT_EQ(GetHold(id)->state(), v1::HOLD_STATE_CLAIMED);
  // A claimed place does not expire.
  clock_.Advance(absl::Hours(5));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  // A report as of before the claim still does not count the person...
  v1::UnitCapacity old = Unit("ks-oslo", "Akutt", 1);
  *old.mutable_as_of() = ToProtoTime(clock_.Now() - absl::Hours(5));
  ASSERT_TRUE(Report("ks-oslo", {old}).ok());
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  // ...a report as of after it does.
  OneUnit(0);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  EXPECT_EQ(View("ks-oslo").units(0).held(), 0u);
  OneUnit(1);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 1);
}

TEST_F(PlacementHoldTest, RejectionAndCancellationReleaseThePlace) {
  OneUnit(2);
  auto a = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  auto b = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  for (const auto* r : {&*a, &*b}) {
    ASSERT_TRUE(
        Move("ks-oslo", r->referral().id(), v1::REFERRAL_STATE_RECEIVED).ok());
  }
  const size_t events = AvailabilityEvents("rosa").size();

  ASSERT_TRUE(Move("ks-oslo", a->referral().id(), v1::REFERRAL_STATE_REJECTED,
                   "full tonight")
                  .ok());
  EXPECT_EQ(GetHold(a->referral().id())->state(), v1::HOLD_STATE_RELEASED);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 1);
  EXPECT_EQ(AvailabilityEvents("rosa").size(), events + 1);

  // Cancelling after acceptance releases the claimed place too.
  ASSERT_TRUE(
      Move("ks-oslo", b->referral().id(), v1::REFERRAL_STATE_ACCEPTED).ok());
  EXPECT_EQ(AvailabilityEvents("rosa").size(), events + 1);  // Still taken.
  ASSERT_TRUE(Move("rosa", b->referral().id(), v1::REFERRAL_STATE_CANCELLED,
                   "person moved on")
                  .ok());
  EXPECT_EQ(GetHold(b->referral().id())->state(), v1::HOLD_STATE_RELEASED);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 2);
  auto all = AvailabilityEvents("rosa");
  ASSERT_EQ(all.size(), events + 2);
  EXPECT_EQ(all.back().facility().units(0).free(), 2u);
  ExpectNoAvailabilityOutsideRosa();
}

TEST_F(PlacementHoldTest, EveryHoldChangeReachesRosaInOrder) {
  OneUnit(1);
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "Akutt");
  ASSERT_TRUE(held.ok());
  std::vector<v1::Event> events = Events("rosa");
  // Report, then the referral, then the hold that took the place.
  ASSERT_EQ(events.size(), 3u);
  EXPECT_TRUE(events[0].has_availability());
  EXPECT_TRUE(events[1].has_referral());
  ASSERT_TRUE(events[2].has_availability());
  EXPECT_EQ(events[2].availability().facility().units(0).free(), 0u);
  EXPECT_EQ(events[2].availability().facility().units(0).held(), 1u);
  // ks-oslo hears of the referral, never of availability.
  ExpectNoAvailabilityOutsideRosa();
  EXPECT_EQ(Events("ks-oslo").size(), 1u);
}

TEST_F(PlacementHoldTest, WithoutAUnitTheFittingUnitWithMostPlacesIsTaken) {
  v1::UnitCapacity men = Unit("ks-oslo", "Menn", 5);
  men.set_admits(v1::ADMITTED_GENDERS_MEN);
  v1::UnitCapacity women = Unit("ks-oslo", "Kvinner", 2);
  women.set_admits(v1::ADMITTED_GENDERS_WOMEN);
  v1::UnitCapacity all = Unit("ks-oslo", "Alle", 1);
  ASSERT_TRUE(Report("ks-oslo", {men, women, all}).ok());
  auto held = SubmitHolding("ks-oslo", "ks-oslo", "", v1::GENDER_WOMAN);
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_EQ(GetHold(held->referral().id())->unit(), "Kvinner");

  // A woman with a child needs a unit that takes children: none here.
  v1::SubmitReferralRequest r = Placement("ks-oslo", v1::GENDER_WOMAN);
  r.mutable_facts()->set_accompanying_children(1);
  r.mutable_hold()->set_facility_id("ks-oslo");
  auto refused = Submit("rosa", r);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("ks-oslo"));
}

TEST_F(PlacementHoldTest, OnlyRosaHoldsAndOnlyInTheRecipientsFacility) {
  OneUnit(3);
  ASSERT_TRUE(Report("ks-skien", {Unit("ks-skien", "A", 3)}).ok());
  // Another facility than the recipient's.
  auto elsewhere = SubmitHolding("ks-oslo", "ks-skien", "A");
  EXPECT_EQ(elsewhere.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(elsewhere.status().message(),
            "hold.facility_id: not one of ks-oslo's facilities");
  // A shelter referring on may not hold a place.
  v1::SubmitReferralRequest r = Placement("ks-oslo", v1::GENDER_WOMAN);
  r.mutable_hold()->set_facility_id("ks-oslo");
  EXPECT_EQ(Submit("ks-skien", r).status().code(),
            absl::StatusCode::kPermissionDenied);
  // Holds are for placement referrals.
  v1::SubmitReferralRequest other = Placement("ks-oslo", v1::GENDER_WOMAN);
  other.set_type(v1::REFERRAL_TYPE_ASSISTANCE);
  other.set_recipient("rosa");
  other.mutable_hold()->set_facility_id("ks-oslo");
  EXPECT_THAT(Submit("ks-skien", other).status().message(),
              HasSubstr("hold: only on placement referrals"));
  // A hold must name its facility.
  v1::SubmitReferralRequest unnamed = Placement("ks-oslo", v1::GENDER_WOMAN);
  unnamed.mutable_hold();
  EXPECT_THAT(Submit("rosa", unnamed).status().message(),
              HasSubstr("hold.facility_id: required"));
  EXPECT_EQ(ReferralCount(), 0u);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 3);
}

TEST_F(PlacementHoldTest, ReplayedSubmissionHoldsOnce) {
  OneUnit(2);
  v1::SubmitReferralRequest r = Placement("ks-oslo", v1::GENDER_WOMAN);
  r.set_idempotency_key("same");
  r.mutable_hold()->set_facility_id("ks-oslo");
  for (int i = 0; i < 2; ++i) {
    auto s =
        testing_placement::Await<v1::SubmitReferralResponse>([&](auto done) {
          referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
        });
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->replayed(), i == 1);
  }
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 1);
}

}  // namespace
}  // namespace rosa
