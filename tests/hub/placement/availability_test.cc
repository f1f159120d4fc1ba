// Tests of how figures and holds become what a reader sees: freshness (and
// its boundary), free now never below zero, stale figures without numbers,
// hold counting, matching a need, ranking, and secret addresses.
#include "hub/placement/availability.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;

const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2026, 11, 29, 10, 0, 0), absl::UTCTimeZone());
constexpr absl::Duration kDay = absl::Hours(24);

v1::UnitCapacity Unit(const std::string& facility, const std::string& name,
                      uint32_t free, absl::Time as_of = kNow) {
  v1::UnitCapacity u;
  u.set_facility_id(facility);
  u.set_unit(name);
  u.set_type(v1::UNIT_TYPE_LONGER_STAY);
  u.set_capacity(10);
  u.set_free(free);
  u.set_admits(v1::ADMITTED_GENDERS_ALL);
  *u.mutable_as_of() = ToProtoTime(as_of);
  u.set_reported_by("p");
  return u;
}

HoldRecord Hold(const std::string& facility, const std::string& unit,
                v1::HoldState state, absl::Time expires,
                std::optional<absl::Time> claimed = std::nullopt) {
  HoldRecord h;
  h.hold.set_referral_id("R-2026-000001");
  h.hold.set_facility_id(facility);
  h.hold.set_unit(unit);
  h.hold.set_state(state);
  *h.hold.mutable_created_at() = ToProtoTime(expires - absl::Hours(2));
  *h.hold.mutable_expires_at() = ToProtoTime(expires);
  h.claimed_at = claimed;
  return h;
}

v1::PlacementNeed Need(v1::Gender gender) {
  v1::PlacementNeed n;
  n.set_gender(gender);
  return n;
}

TEST(AvailabilityTest, FreshUpToExactlyTheLimit) {
  EXPECT_TRUE(IsFresh(kNow - kDay, kNow, kDay));
  EXPECT_FALSE(IsFresh(kNow - kDay - absl::Microseconds(1), kNow, kDay));
  EXPECT_TRUE(IsFresh(kNow + absl::Minutes(5), kNow, kDay));
  EXPECT_FALSE(IsFresh(kNow - absl::Hours(2), kNow, absl::Hours(1)));
}

TEST(AvailabilityTest, FreeNowIsReportedFreeMinusHeldNeverBelowZero) {
  v1::UnitAvailability v = ViewUnit(Unit("f", "u", 3), 1, kNow, kDay);
  EXPECT_TRUE(v.fresh());
  ASSERT_TRUE(v.has_free());
  EXPECT_EQ(v.free(), 2u);
  EXPECT_EQ(v.held(), 1u);
  EXPECT_EQ(v.reported().free(), 3u);
  v = ViewUnit(Unit("f", "u", 1), 3, kNow, kDay);
  ASSERT_TRUE(v.has_free());
  EXPECT_EQ(v.free(), 0u);
}

TEST(AvailabilityTest, StaleFiguresShowNoNumberAtAll) {
  v1::UnitCapacity u = Unit("f", "u", 4, kNow - kDay);
  u.set_acute_free(2);
  u.set_family_free(1);
  v1::UnitAvailability at_limit = ViewUnit(u, 0, kNow, kDay);
  EXPECT_TRUE(at_limit.fresh());
  EXPECT_EQ(at_limit.free(), 4u);

  v1::UnitAvailability stale =
      ViewUnit(u, 1, kNow + absl::Microseconds(1), kDay);
  EXPECT_FALSE(stale.fresh());
  EXPECT_FALSE(stale.has_free());
  EXPECT_EQ(stale.reported().free(), 0u);
  EXPECT_FALSE(stale.reported().has_acute_free());
  EXPECT_FALSE(stale.reported().has_family_free());
  // What stays: the unit, its kind and size, and when it was reported.
  EXPECT_EQ(stale.reported().unit(), "u");
  EXPECT_EQ(stale.reported().capacity(), 10u);
  EXPECT_EQ(stale.reported().as_of().seconds(), u.as_of().seconds());
  EXPECT_EQ(stale.held(), 1u);
  // A configured limit applies the same way.
  EXPECT_FALSE(ViewUnit(Unit("f", "u", 4, kNow - absl::Hours(7)), 0, kNow,
                        absl::Hours(6))
                   .fresh());
}

TEST(AvailabilityTest, ActiveHoldsCountUntilTheyExpire) {
  const v1::UnitCapacity u = Unit("f", "u", 2);
  std::vector<HoldRecord> holds = {
      Hold("f", "u", v1::HOLD_STATE_ACTIVE, kNow + absl::Hours(1)),
      Hold("f", "u", v1::HOLD_STATE_ACTIVE, kNow),  // Expires now.
      Hold("f", "other", v1::HOLD_STATE_ACTIVE, kNow + absl::Hours(1)),
      Hold("g", "u", v1::HOLD_STATE_ACTIVE, kNow + absl::Hours(1)),
      Hold("f", "u", v1::HOLD_STATE_RELEASED, kNow + absl::Hours(1)),
      Hold("f", "u", v1::HOLD_STATE_EXPIRED, kNow + absl::Hours(1)),
  };
  EXPECT_EQ(HeldPlaces(u, holds, kNow), 1u);
  EXPECT_EQ(HeldPlaces(u, holds, kNow - absl::Seconds(1)), 2u);
  EXPECT_EQ(EffectiveHoldState(holds[1], kNow), v1::HOLD_STATE_EXPIRED);
  EXPECT_EQ(EffectiveHoldState(holds[0], kNow), v1::HOLD_STATE_ACTIVE);
}

TEST(AvailabilityTest, ClaimedHoldCountsUntilANewerReport) {
  const absl::Time claimed = kNow - absl::Hours(1);
  // Claimed holds never expire by time.
  std::vector<HoldRecord> holds = {Hold("f", "u", v1::HOLD_STATE_CLAIMED,
                                        kNow - absl::Hours(3), claimed)};
  EXPECT_EQ(HeldPlaces(Unit("f", "u", 2, kNow - absl::Hours(2)), holds, kNow),
            1u);
  EXPECT_EQ(HeldPlaces(Unit("f", "u", 2, claimed), holds, kNow), 1u);
  EXPECT_EQ(HeldPlaces(Unit("f", "u", 2, claimed + absl::Seconds(1)), holds,
                       kNow),
            0u);
}

TEST(AvailabilityTest, SecretAddressIsNeverCopied) {
  Facility secret{"ks-oslo", "Oslo krisesenter", "oslo", "Hemmeligveien 3",
                  true};
  v1::PlacementFacility view = FacilityView(secret);
  EXPECT_EQ(view.id(), "ks-oslo");
  EXPECT_EQ(view.name(), "Oslo krisesenter");
  EXPECT_EQ(view.region(), "oslo");
  EXPECT_TRUE(view.secret_address());
  EXPECT_EQ(view.address(), "");
  EXPECT_EQ(view.SerializeAsString().find("Hemmelig"), std::string::npos);

  Facility open{"ks-skien", "Skien", "telemark", "Storgata 1, Skien", false};
  EXPECT_EQ(FacilityView(open).address(), "Storgata 1, Skien");
  EXPECT_FALSE(FacilityView(open).secret_address());
}

TEST(AvailabilityTest, GenderMatchesWhomTheUnitTakes) {
  auto fit = [](v1::AdmittedGenders admits, v1::Gender gender) {
    v1::UnitCapacity u = Unit("f", "u", 2);
    u.set_admits(admits);
    return MatchingFree(ViewUnit(u, 0, kNow, kDay), Need(gender));
  };
  EXPECT_EQ(fit(v1::ADMITTED_GENDERS_WOMEN, v1::GENDER_WOMAN), 2u);
  EXPECT_EQ(fit(v1::ADMITTED_GENDERS_ALL, v1::GENDER_WOMAN), 2u);
  EXPECT_EQ(fit(v1::ADMITTED_GENDERS_MEN, v1::GENDER_WOMAN), 0u);
  EXPECT_EQ(fit(v1::ADMITTED_GENDERS_MEN, v1::GENDER_MAN), 2u);
  EXPECT_EQ(fit(v1::ADMITTED_GENDERS_WOMEN, v1::GENDER_MAN), 0u);
  for (v1::Gender g : {v1::GENDER_TRANS, v1::GENDER_UNKNOWN}) {
    EXPECT_EQ(fit(v1::ADMITTED_GENDERS_ALL, g), 2u);
    EXPECT_EQ(fit(v1::ADMITTED_GENDERS_WOMEN, g), 0u);
    EXPECT_EQ(fit(v1::ADMITTED_GENDERS_MEN, g), 0u);
  }
}

TEST(AvailabilityTest, ChildrenWheelchairAndAcuteNarrowTheMatch) {
  v1::UnitCapacity u = Unit("f", "u", 4);
  v1::PlacementNeed need = Need(v1::GENDER_WOMAN);
  need.set_children(2);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 0u);
  u.set_children(true);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 4u);
  u.set_family_free(1);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 1u);

  need = Need(v1::GENDER_WOMAN);
  need.set_wheelchair(true);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 0u);
  u.set_wheelchair_accessible(true);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 4u);

  need = Need(v1::GENDER_WOMAN);
  need.set_acute(true);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 0u);
  u.set_acute_free(3);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 3u);
  u.clear_acute_free();
  u.set_type(v1::UNIT_TYPE_ACUTE);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 4u);
  u.set_acute_free(0);
  EXPECT_EQ(MatchingFree(ViewUnit(u, 0, kNow, kDay), need), 0u);
}

TEST(AvailabilityTest, StaleOrFullUnitsNeverMatch) {
  const v1::PlacementNeed need = Need(v1::GENDER_WOMAN);
  EXPECT_EQ(MatchingFree(ViewUnit(Unit("f", "u", 4, kNow - kDay -
                                                       absl::Seconds(1)),
                                  0, kNow, kDay),
                         need),
            0u);
  EXPECT_EQ(MatchingFree(ViewUnit(Unit("f", "u", 2), 2, kNow, kDay), need),
            0u);
  EXPECT_EQ(MatchingFree(ViewUnit(Unit("f", "u", 2), 1, kNow, kDay), need),
            1u);
}

TEST(AvailabilityTest, RegistryDecidesWhomAFacilityTakes) {
  Partner p;
  p.id = "lauras-hus";
  p.enabled = true;
  p.admits_genders = {v1::GENDER_WOMAN};
  Facility f{"lauras-hus", "Lauras hus", "Oslo", "", true};
  v1::PlacementNeed need = Need(v1::GENDER_WOMAN);
  EXPECT_TRUE(FacilityFits(p, f, need));
  need.set_region("oslo");
  EXPECT_TRUE(FacilityFits(p, f, need));
  need.set_region("telemark");
  EXPECT_FALSE(FacilityFits(p, f, need));
  need.clear_region();
  need.set_gender(v1::GENDER_MAN);
  EXPECT_FALSE(FacilityFits(p, f, need));
  need.set_gender(v1::GENDER_TRANS);
  EXPECT_FALSE(FacilityFits(p, f, need));
  p.admits_genders.clear();
  EXPECT_TRUE(FacilityFits(p, f, need));
  p.enabled = false;
  EXPECT_FALSE(FacilityFits(p, f, need));
}

v1::PlacementMatch Match(const std::string& id, uint32_t free,
                         absl::Time as_of) {
  v1::PlacementMatch m;
  m.mutable_facility()->mutable_facility()->set_id(id);
  m.set_free(free);
  *m.mutable_as_of() = ToProtoTime(as_of);
  return m;
}

TEST(AvailabilityTest, RanksByPlacesThenFreshnessThenId) {
  std::vector<v1::PlacementMatch> matches = {
      Match("a", 1, kNow),
      Match("b", 3, kNow - absl::Hours(5)),
      Match("c", 3, kNow - absl::Hours(1)),
      Match("e", 2, kNow),
      Match("d", 2, kNow),
  };
  RankMatches(matches);
  std::vector<std::string> order;
  for (const auto& m : matches) order.push_back(m.facility().facility().id());
  EXPECT_THAT(order, ElementsAre("c", "b", "d", "e", "a"));
}

TEST(AvailabilityTest, MatchFacilityKeepsOnlyFittingUnits) {
  Partner p;
  p.id = "ks";
  p.enabled = true;
  Facility f{"ks", "KS", "oslo", "", true};
  v1::UnitCapacity women = Unit("ks", "women", 2, kNow - absl::Hours(3));
  women.set_admits(v1::ADMITTED_GENDERS_WOMEN);
  v1::UnitCapacity men = Unit("ks", "men", 5, kNow);
  men.set_admits(v1::ADMITTED_GENDERS_MEN);
  v1::UnitCapacity all = Unit("ks", "all", 1, kNow - absl::Hours(1));
  const v1::FacilityAvailability view =
      ViewFacility(p, f, {all, men, women}, {}, kNow, kDay);
  ASSERT_EQ(view.units_size(), 3);
  auto match = MatchFacility(view, Need(v1::GENDER_WOMAN));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->free(), 3u);
  EXPECT_EQ(FromProtoTime(match->as_of()), kNow - absl::Hours(1));
  ASSERT_EQ(match->facility().units_size(), 2);
  EXPECT_EQ(match->facility().units(0).reported().unit(), "all");
  EXPECT_EQ(match->facility().units(1).reported().unit(), "women");
  EXPECT_EQ(match->facility().partner_id(), "ks");
  auto trans = MatchFacility(view, Need(v1::GENDER_TRANS));
  ASSERT_TRUE(trans.has_value());
  EXPECT_EQ(trans->free(), 1u);
  v1::PlacementNeed with_child = Need(v1::GENDER_WOMAN);
  with_child.set_children(1);
  EXPECT_FALSE(MatchFacility(view, with_child).has_value());
}

TEST(AvailabilityTest, NeedOfReferralFacts) {
  v1::PersonFacts facts;
  facts.set_gender(v1::GENDER_WOMAN);
  facts.set_accompanying_children(2);
  facts.set_acute(true);
  facts.add_needs(v1::NEED_INTERPRETER);
  facts.add_needs(v1::NEED_WHEELCHAIR_ACCESS);
  const v1::PlacementNeed need = NeedOf(facts);
  EXPECT_EQ(need.gender(), v1::GENDER_WOMAN);
  EXPECT_EQ(need.children(), 2u);
  EXPECT_TRUE(need.acute());
  EXPECT_TRUE(need.wheelchair());
  EXPECT_EQ(need.region(), "");
}

}  // namespace
}  // namespace rosa
