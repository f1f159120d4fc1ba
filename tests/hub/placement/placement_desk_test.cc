// Tests of the placement desk's reports and queries on a real store: a
// partner reports only its own facilities (and cannot tell whether another
// partner's exists), figures only move forward, ROSA sees everything and
// hears every change while other partners see only their own facilities,
// stale figures show no number, FindPlaces ranks fresh free places and
// never carries a secret address.
#include "hub/placement/placement_desk.h"

#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/placement/placement_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing_placement::kOpenAddress;
using testing_placement::kSecretAddress;

class PlacementDeskTest : public testing_placement::PlacementFixture {
 protected:
  std::vector<std::string> FacilityIds(const v1::ListAvailabilityResponse& r) {
    std::vector<std::string> ids;
    for (const auto& f : r.facilities()) ids.push_back(f.facility().id());
    return ids;
  }
  std::vector<std::string> MatchIds(const v1::FindPlacesResponse& r) {
    std::vector<std::string> ids;
    for (const auto& m : r.matches())
      ids.push_back(m.facility().facility().id());
    return ids;
  }
  static v1::PlacementNeed Need(v1::Gender gender) {
    v1::PlacementNeed n;
    n.set_gender(gender);
    return n;
  }
};

TEST_F(PlacementDeskTest, ReportStoresUnitsAndTellsRosaOnly) {
  auto r = Report("ks-oslo",
                  {Unit("ks-oslo", "Akutt", 2), Unit("ks-oslo", "Langtid", 0)});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->units_size(), 2);
  EXPECT_EQ(r->units(0).reported_by(), "ks-oslo");
  EXPECT_EQ(r->units(0).facility_id(), "ks-oslo");

  const v1::FacilityAvailability view = View("ks-oslo");
  EXPECT_EQ(view.partner_id(), "ks-oslo");
  ASSERT_EQ(view.units_size(), 2);
  EXPECT_TRUE(view.units(0).fresh());
  EXPECT_EQ(view.units(0).free(), 2u);
  EXPECT_EQ(view.units(0).reported().reported_by(), "ks-oslo");

  // One event for the one facility that changed, with its whole view.
  auto events = AvailabilityEvents("rosa");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].facility().facility().id(), "ks-oslo");
  EXPECT_EQ(events[0].facility().units_size(), 2);
  EXPECT_EQ(events[0].facility().facility().address(), "");
  EXPECT_TRUE(events[0].facility().facility().secret_address());
  ExpectNoAvailabilityOutsideRosa();
}

TEST_F(PlacementDeskTest, PartnerWithOneFacilityMayLeaveTheIdOut) {
  v1::UnitCapacity u = Unit("", "Akutt", 1);
  auto r = Report("ks-skien", {u});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->units(0).facility_id(), "ks-skien");

  auto several = Report("ks-vest", {u});
  EXPECT_EQ(several.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(several.status().message(),
              HasSubstr("units[0].facility_id: required"));
  auto none = Report("iom", {u});
  EXPECT_EQ(none.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(none.status().message(), HasSubstr("units[0].facility_id"));
  // With the id, a partner with several facilities reports each.
  EXPECT_TRUE(Report("ks-vest",
                     {Unit("ks-bergen", "A", 1), Unit("ks-stavanger", "A", 2)})
                  .ok());
  EXPECT_EQ(FreeNow("ks-stavanger", "A"), 2);
}

TEST_F(PlacementDeskTest, AnotherPartnersFacilityLooksLikeNoFacility) {
  auto theirs = Report("ks-oslo", {Unit("ks-skien", "Akutt", 3)});
  auto nobodys = Report("ks-oslo", {Unit("ks-nowhere", "Akutt", 3)});
  ASSERT_EQ(theirs.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(nobodys.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(theirs.status().message(),
            "units[0].facility_id: not one of ks-oslo's facilities");
  EXPECT_EQ(nobodys.status().message(), theirs.status().message());
  EXPECT_THAT(View("ks-skien").units(), IsEmpty());
  EXPECT_THAT(AvailabilityEvents("rosa"), IsEmpty());
}

TEST_F(PlacementDeskTest, AReportIsAllOrNothing) {
  auto r = Report("ks-oslo",
                  {Unit("ks-oslo", "Akutt", 1), Unit("ks-skien", "Akutt", 1)});
  EXPECT_THAT(r.status().message(), HasSubstr("units[1].facility_id"));
  v1::UnitCapacity bad = Unit("ks-oslo", "Langtid", 1);
  bad.set_free(11);
  r = Report("ks-oslo", {Unit("ks-oslo", "Akutt", 1), bad});
  EXPECT_THAT(r.status().message(), HasSubstr("units[1].free"));
  r = Report("ks-oslo",
             {Unit("ks-oslo", "Akutt", 1), Unit("ks-oslo", "Akutt", 2)});
  EXPECT_THAT(r.status().message(), HasSubstr("units[1].unit"));
  EXPECT_THAT(View("ks-oslo").units(), IsEmpty());
  EXPECT_THAT(AvailabilityEvents("rosa"), IsEmpty());
}

TEST_F(PlacementDeskTest, FiguresOnlyMoveForwardInTime) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}).ok());
  v1::UnitCapacity older = Unit("ks-oslo", "Akutt", 5);
  *older.mutable_as_of() = ToProtoTime(clock_.Now() - absl::Hours(1));
  auto r = Report("ks-oslo", {older});
  ASSERT_TRUE(r.ok()) << r.status();
  // The answer shows what the hub keeps: the newer figures.
  EXPECT_EQ(r->units(0).free(), 2u);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 2);
  EXPECT_EQ(AvailabilityEvents("rosa").size(), 1u);

  clock_.Advance(absl::Minutes(10));
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 0)}).ok());
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 0);
  EXPECT_EQ(AvailabilityEvents("rosa").size(), 2u);
}

TEST_F(PlacementDeskTest, SameFiguresAgainTellNobody) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}).ok());
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}).ok());
  EXPECT_EQ(AvailabilityEvents("rosa").size(), 1u);
}

TEST_F(PlacementDeskTest, RetryWithTheSameKeyAppliesOnce) {
  auto first = Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}, "cap-1");
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}, "cap-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());
  auto other = Report("ks-oslo", {Unit("ks-oslo", "Akutt", 3)}, "cap-1");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 2);
  // The key is required over the API.
  v1::ReportCapacityRequest keyless;
  *keyless.add_units() = Unit("ks-oslo", "Akutt", 1);
  EXPECT_THAT(ReportWith("ks-oslo", keyless).status().message(),
              HasSubstr("idempotency_key: required"));
}

TEST_F(PlacementDeskTest, ApplyReportCapacityRunsInsideTheCallersWrite) {
  // As the partner gateway does: several commands in one write; an error in
  // a later one rolls back the earlier ones.
  v1::ReportCapacityRequest a;
  *a.add_units() = Unit("ks-oslo", "Akutt", 2);
  v1::ReportCapacityRequest b;
  *b.add_units() = Unit("ks-skien", "Akutt", 2);
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto ra = placement_->ApplyReportCapacity(txn, P("ks-oslo"), a);
    if (!ra.ok()) return ra.status();
    return placement_->ApplyReportCapacity(txn, P("ks-oslo"), b).status();
  });
  EXPECT_THAT(s.message(), HasSubstr("units[0].facility_id"));
  EXPECT_THAT(View("ks-oslo").units(), IsEmpty());

  // Without a key nothing is recorded, and the same command applies again.
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return placement_->ApplyReportCapacity(txn, P("ks-oslo"), a).status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 2);
}

TEST_F(PlacementDeskTest, RosaSeesEveryFacilityOthersOnlyTheirOwn) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 2)}).ok());
  ASSERT_TRUE(Report("ks-skien", {Unit("ks-skien", "Akutt", 1)}).ok());

  auto rosa = List("rosa");
  ASSERT_TRUE(rosa.ok()) << rosa.status();
  EXPECT_THAT(FacilityIds(*rosa),
              ElementsAre("filemon", "ks-bergen", "ks-oslo", "ks-skien",
                          "ks-stavanger", "ks-stengt", "lauras-hus"));
  for (const auto& f : rosa->facilities()) {
    // A facility that has reported nothing is there, without units.
    const bool reported =
        f.facility().id() == "ks-oslo" || f.facility().id() == "ks-skien";
    EXPECT_EQ(f.units_size(), reported ? 1 : 0) << f.facility().id();
  }

  auto oslo = List("ks-oslo");
  ASSERT_TRUE(oslo.ok());
  EXPECT_THAT(FacilityIds(*oslo), ElementsAre("ks-oslo"));
  auto vest = List("ks-vest");
  EXPECT_THAT(FacilityIds(*vest), ElementsAre("ks-bergen", "ks-stavanger"));
  EXPECT_THAT(List("iom")->facilities(), IsEmpty());

  // Asking for another partner's facility reads like asking for none.
  auto theirs = List("ks-oslo", "ks-skien");
  auto nobodys = List("ks-oslo", "ks-nowhere");
  EXPECT_EQ(theirs.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(theirs.status().message(),
            "facility_id: not one of ks-oslo's facilities");
  EXPECT_EQ(nobodys.status().message(), theirs.status().message());
  EXPECT_EQ(List("rosa", "ks-nowhere").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(FacilityIds(*List("ks-skien", "ks-skien")),
              ElementsAre("ks-skien"));
}

TEST_F(PlacementDeskTest, AddressesOnlyWhenNotSecret) {
  auto rosa = List("rosa");
  ASSERT_TRUE(rosa.ok());
  for (const auto& f : rosa->facilities()) {
    if (f.facility().id() == "ks-skien") {
      EXPECT_EQ(f.facility().address(), kOpenAddress);
      EXPECT_FALSE(f.facility().secret_address());
    } else {
      EXPECT_EQ(f.facility().address(), "") << f.facility().id();
      EXPECT_TRUE(f.facility().secret_address()) << f.facility().id();
    }
    EXPECT_EQ(f.SerializeAsString().find(kSecretAddress), std::string::npos);
  }
  // Not even the facility's own partner gets its secret address back.
  EXPECT_EQ(List("ks-oslo")->facilities(0).facility().address(), "");
}

TEST_F(PlacementDeskTest, FiguresOlderThanTheLimitShowNoNumber) {
  v1::UnitCapacity u = Unit("ks-oslo", "Akutt", 3);
  u.set_acute_free(2);
  u.set_family_free(1);
  ASSERT_TRUE(Report("ks-oslo", {u}).ok());

  clock_.Advance(absl::Hours(24));
  v1::UnitAvailability at_limit = View("ks-oslo").units(0);
  EXPECT_TRUE(at_limit.fresh());
  EXPECT_EQ(at_limit.free(), 3u);

  clock_.Advance(absl::Microseconds(1));
  v1::UnitAvailability stale = View("ks-oslo").units(0);
  EXPECT_FALSE(stale.fresh());
  EXPECT_FALSE(stale.has_free());
  EXPECT_EQ(stale.reported().free(), 0u);
  EXPECT_FALSE(stale.reported().has_acute_free());
  EXPECT_FALSE(stale.reported().has_family_free());
  EXPECT_EQ(stale.reported().capacity(), 10u);
  // And it is no longer offered.
  EXPECT_THAT(Find(Need(v1::GENDER_WOMAN))->matches(), IsEmpty());
}

class ShortFreshnessTest : public PlacementDeskTest {
 protected:
  PlacementDesk::Options PlacementOptions() const override {
    PlacementDesk::Options o;
    o.freshness = absl::Hours(6);
    return o;
  }
};

TEST_F(ShortFreshnessTest, TheLimitIsConfigurable) {
  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "Akutt", 3)}).ok());
  clock_.Advance(absl::Hours(6));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), 3);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(FreeNow("ks-oslo", "Akutt"), -1);
}

TEST_F(PlacementDeskTest, FindPlacesRanksFreshFreePlaces) {
  ASSERT_TRUE(
      Report("ks-oslo", {Unit("ks-oslo", "A", 1), Unit("ks-oslo", "B", 1)})
          .ok());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Report("ks-skien", {Unit("ks-skien", "A", 2)}).ok());
  ASSERT_TRUE(Report("ks-vest", {Unit("ks-bergen", "A", 1)}).ok());
  v1::UnitCapacity full = Unit("ks-stavanger", "A", 0);
  ASSERT_TRUE(Report("ks-vest", {full}).ok());

  auto found = Find(Need(v1::GENDER_WOMAN));
  ASSERT_TRUE(found.ok()) << found.status();
  // ks-oslo and ks-skien have 2 each; ks-skien's figures are fresher.
  EXPECT_THAT(MatchIds(*found),
              ElementsAre("ks-skien", "ks-oslo", "ks-bergen"));
  EXPECT_EQ(found->matches(0).free(), 2u);
  EXPECT_EQ(found->matches(0).facility().facility().address(), kOpenAddress);
  EXPECT_EQ(found->matches(1).facility().facility().address(), "");
  EXPECT_TRUE(found->matches(1).facility().facility().secret_address());
  EXPECT_EQ(found->matches(1).facility().units_size(), 2);
  EXPECT_EQ(found->SerializeAsString().find(kSecretAddress), std::string::npos);

  v1::PlacementNeed in_region = Need(v1::GENDER_WOMAN);
  in_region.set_region("Telemark");
  EXPECT_THAT(MatchIds(*Find(in_region)), ElementsAre("ks-skien"));
}

TEST_F(PlacementDeskTest, FindPlacesHeedsWhomPartnersAndUnitsTake) {
  v1::UnitCapacity men = Unit("filemon", "Menn", 2);
  men.set_admits(v1::ADMITTED_GENDERS_MEN);
  ASSERT_TRUE(Report("filemon", {men}).ok());
  ASSERT_TRUE(Report("lauras-hus", {Unit("lauras-hus", "Alle", 2)}).ok());
  ASSERT_TRUE(Report("ks-stengt", {Unit("ks-stengt", "Alle", 5)}).ok());

  EXPECT_THAT(MatchIds(*Find(Need(v1::GENDER_MAN))), ElementsAre("filemon"));
  // Lauras hus's registry entry takes women only, whatever the unit says.
  EXPECT_THAT(MatchIds(*Find(Need(v1::GENDER_WOMAN))),
              ElementsAre("lauras-hus"));
  EXPECT_THAT(Find(Need(v1::GENDER_TRANS))->matches(), IsEmpty());

  v1::PlacementNeed with_children = Need(v1::GENDER_WOMAN);
  with_children.set_children(1);
  EXPECT_THAT(Find(with_children)->matches(), IsEmpty());
}

TEST_F(PlacementDeskTest, OnlyRosaFindsPlacesAndReadsHolds) {
  EXPECT_EQ(Find(Need(v1::GENDER_WOMAN), "ks-oslo").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(GetHold("R-2026-000001", "ks-oslo").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(GetHold("R-2026-000001").status().code(),
            absl::StatusCode::kNotFound);
  v1::PlacementNeed no_gender;
  EXPECT_EQ(Find(no_gender).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rosa
