// Integration tests of placement availability over mutual TLS against the
// real hub: a shelter reports its figures, ROSA's FindPlaces offers them
// ranked and without a secret address, ROSA's Watch hears of every change
// (and nobody else does), another shelter can neither see nor report for
// the facility, two holds on the last bed leave the second with
// FAILED_PRECONDITION, and the freshness limit given on the command line
// turns old figures into unknown ones.
//
// The hub runs with testdata/placement_partners.json: ks-oslo (secret
// address), ks-skien (open address), filemon (men only) and ROSA.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/placement_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::Duration kEventWait = absl::Seconds(10);
constexpr char kSecretAddress[] = "Hemmeligveien";
constexpr char kOpenAddress[] = "Storgata 1, 3724 Skien (fictional)";

google::protobuf::Timestamp Timestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

// One partner's placement stub on its mTLS channel.
struct Placement {
  explicit Placement(const PartnerClient& client)
      : stub(v1::PlacementService::NewStub(client.channel())) {}

  grpc::Status Report(std::vector<v1::UnitCapacity> units,
                      v1::ReportCapacityResponse* response = nullptr) {
    v1::ReportCapacityRequest r;
    r.set_idempotency_key(NewIdempotencyKey("capacity"));
    for (auto& u : units) *r.add_units() = std::move(u);
    v1::ReportCapacityResponse ignored;
    return stub->ReportCapacity(ContextWithDeadline().get(), r,
                                response != nullptr ? response : &ignored);
  }
  grpc::Status List(v1::ListAvailabilityResponse* response,
                    const std::string& facility = "") {
    v1::ListAvailabilityRequest r;
    r.set_facility_id(facility);
    return stub->ListAvailability(ContextWithDeadline().get(), r, response);
  }
  grpc::Status Find(const v1::PlacementNeed& need,
                    v1::FindPlacesResponse* response) {
    v1::FindPlacesRequest r;
    *r.mutable_need() = need;
    return stub->FindPlaces(ContextWithDeadline().get(), r, response);
  }
  grpc::Status GetHold(const std::string& referral_id, v1::PlaceHold* hold) {
    v1::GetHoldRequest r;
    r.set_referral_id(referral_id);
    return stub->GetHold(ContextWithDeadline().get(), r, hold);
  }

  std::unique_ptr<v1::PlacementService::Stub> stub;
};

v1::UnitCapacity Unit(const std::string& facility, const std::string& name,
                      uint32_t free, absl::Time as_of = absl::Now()) {
  v1::UnitCapacity u;
  u.set_facility_id(facility);
  u.set_unit(name);
  u.set_type(v1::UNIT_TYPE_ACUTE);
  u.set_capacity(8);
  u.set_free(free);
  u.set_admits(v1::ADMITTED_GENDERS_WOMEN);
  *u.mutable_as_of() = Timestamp(as_of);
  return u;
}

v1::PlacementNeed Woman() {
  v1::PlacementNeed need;
  need.set_gender(v1::GENDER_WOMAN);
  return need;
}

class PlacementTest : public HubTest {
 protected:
  void SetUp() override {
    HubOptions options;
    options.partners_file = PlacementPartnersFile();
    options.extra_args = ExtraArgs();
    auto hub = HubProcess::Start(options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
  }
  virtual std::vector<std::string> ExtraArgs() const {
    return {"--hold-ttl", "2h", "--availability-freshness", "24h"};
  }
  static std::filesystem::path PlacementPartnersFile() {
    return ROSA_PLACEMENT_PARTNERS;
  }
};

TEST_F(PlacementTest, ShelterReportsAndRosaFindsItRanked) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  PartnerClient skien = Client("ks-skien");
  Placement rosa_p(rosa), oslo_p(oslo), skien_p(skien);
  WatchStream rosa_watch(rosa.channel(), WatchFrom(0));

  v1::ReportCapacityResponse reported;
  ASSERT_THAT(oslo_p.Report({Unit("", "Akutt", 1), Unit("", "Langtid", 2)},
                            &reported),
              IsOk());
  ASSERT_EQ(reported.units_size(), 2);
  EXPECT_EQ(reported.units(0).facility_id(), "ks-oslo");
  EXPECT_EQ(reported.units(0).reported_by(), "ks-oslo");
  ASSERT_THAT(skien_p.Report({Unit("ks-skien", "Akutt", 2,
                                   absl::Now() - absl::Hours(1))}),
              IsOk());

  v1::FindPlacesResponse found;
  ASSERT_THAT(rosa_p.Find(Woman(), &found), IsOk());
  ASSERT_EQ(found.matches_size(), 2);
  // ks-oslo has 3 places in two units, ks-skien 2.
  EXPECT_EQ(found.matches(0).facility().facility().id(), "ks-oslo");
  EXPECT_EQ(found.matches(0).free(), 3u);
  EXPECT_EQ(found.matches(0).facility().units_size(), 2);
  EXPECT_EQ(found.matches(1).facility().facility().id(), "ks-skien");
  EXPECT_EQ(found.matches(1).free(), 2u);
  // The secret address never leaves the registry; the open one does.
  EXPECT_TRUE(found.matches(0).facility().facility().secret_address());
  EXPECT_EQ(found.matches(0).facility().facility().address(), "");
  EXPECT_EQ(found.matches(1).facility().facility().address(), kOpenAddress);
  EXPECT_EQ(found.SerializeAsString().find(kSecretAddress), std::string::npos);

  v1::PlacementNeed man;
  man.set_gender(v1::GENDER_MAN);
  v1::FindPlacesResponse none;
  ASSERT_THAT(rosa_p.Find(man, &none), IsOk());
  EXPECT_THAT(none.matches(), IsEmpty());

  // ROSA's stream carries one event per report, as ROSA sees the facility.
  ASSERT_TRUE(rosa_watch.WaitForEvents(2, kEventWait));
  std::vector<v1::Event> events = rosa_watch.events();
  ASSERT_TRUE(events[0].has_availability());
  EXPECT_EQ(events[0].availability().facility().facility().id(), "ks-oslo");
  EXPECT_EQ(events[0].availability().facility().units_size(), 2);
  EXPECT_EQ(events[0].availability().facility().facility().address(), "");
  ASSERT_TRUE(events[1].has_availability());
  EXPECT_EQ(events[1].availability().facility().facility().id(), "ks-skien");
  for (const v1::Event& e : events) {
    EXPECT_EQ(e.SerializeAsString().find(kSecretAddress), std::string::npos);
  }
  // The shelters hear nothing of availability, their own or another's.
  WatchStream skien_watch(skien.channel(), WatchFrom(0));
  EXPECT_FALSE(skien_watch.WaitForEvents(1, absl::Milliseconds(500)));
}

TEST_F(PlacementTest, AnotherShelterNeitherSeesNorReportsForTheFacility) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  PartnerClient skien = Client("ks-skien");
  Placement rosa_p(rosa), oslo_p(oslo), skien_p(skien);
  ASSERT_THAT(oslo_p.Report({Unit("ks-oslo", "Akutt", 1)}), IsOk());

  v1::ListAvailabilityResponse own;
  ASSERT_THAT(skien_p.List(&own), IsOk());
  ASSERT_EQ(own.facilities_size(), 1);
  EXPECT_EQ(own.facilities(0).facility().id(), "ks-skien");
  EXPECT_THAT(own.facilities(0).units(), IsEmpty());

  // Another's facility reads exactly like one that does not exist.
  v1::ListAvailabilityResponse ignored;
  grpc::Status theirs = skien_p.List(&ignored, "ks-oslo");
  grpc::Status nobodys = skien_p.List(&ignored, "ks-nowhere");
  EXPECT_THAT(theirs, StatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                               "facility_id: not one of ks-skien's facilities"));
  EXPECT_EQ(nobodys.error_message(), theirs.error_message());

  grpc::Status report = skien_p.Report({Unit("ks-oslo", "Akutt", 8)});
  grpc::Status report_nowhere = skien_p.Report({Unit("ks-nowhere", "A", 8)});
  EXPECT_THAT(report, StatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                               HasSubstr("units[0].facility_id: not one of "
                                         "ks-skien's facilities")));
  EXPECT_EQ(report_nowhere.error_message(), report.error_message());

  v1::FindPlacesResponse found;
  EXPECT_THAT(skien_p.Find(Woman(), &found),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));

  // ROSA sees both facilities, and ks-oslo's figures are untouched.
  v1::ListAvailabilityResponse all;
  ASSERT_THAT(rosa_p.List(&all), IsOk());
  std::vector<std::string> ids;
  for (const auto& f : all.facilities()) ids.push_back(f.facility().id());
  EXPECT_THAT(ids, ElementsAre("filemon", "ks-oslo", "ks-skien"));
  ASSERT_EQ(all.facilities(1).units_size(), 1);
  EXPECT_EQ(all.facilities(1).units(0).free(), 1u);
}

TEST_F(PlacementTest, TwoHoldsOnTheLastBed) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  Placement rosa_p(rosa), oslo_p(oslo);
  ASSERT_THAT(oslo_p.Report({Unit("ks-oslo", "Akutt", 1)}), IsOk());
  WatchStream rosa_watch(rosa.channel(), WatchFrom(0));

  auto held = [](const std::string& unit) {
    v1::SubmitReferralRequest r = NewReferralRequest("ks-oslo");
    r.mutable_hold()->set_facility_id("ks-oslo");
    r.mutable_hold()->set_unit(unit);
    return r;
  };
  v1::SubmitReferralResponse first;
  ASSERT_THAT(rosa.Submit(held("Akutt"), &first), IsOk());
  v1::SubmitReferralResponse second;
  EXPECT_THAT(rosa.Submit(held("Akutt"), &second),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                       "hold: no fresh free place left in ks-oslo/Akutt"));

  v1::PlaceHold hold;
  ASSERT_THAT(rosa_p.GetHold(first.referral().id(), &hold), IsOk());
  EXPECT_EQ(hold.state(), v1::HOLD_STATE_ACTIVE);
  EXPECT_EQ(hold.unit(), "Akutt");
  EXPECT_NEAR(static_cast<double>(hold.expires_at().seconds() -
                                  hold.created_at().seconds()),
              2 * 3600, 1);
  v1::PlaceHold ignored;
  EXPECT_THAT(Placement(oslo).GetHold(first.referral().id(), &ignored),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));

  // ROSA hears of the report, the referral, and the hold taking the place.
  ASSERT_TRUE(rosa_watch.WaitForEvents(3, kEventWait));
  std::vector<v1::Event> events = rosa_watch.events();
  ASSERT_TRUE(events[2].has_availability());
  ASSERT_EQ(events[2].availability().facility().units_size(), 1);
  EXPECT_EQ(events[2].availability().facility().units(0).free(), 0u);
  EXPECT_EQ(events[2].availability().facility().units(0).held(), 1u);

  // Declining the first referral frees the bed for the next one.
  ASSERT_THAT(oslo.Move(first.referral().id(), v1::REFERRAL_STATE_RECEIVED),
              IsOk());
  ASSERT_THAT(oslo.Move(first.referral().id(), v1::REFERRAL_STATE_REJECTED,
                        nullptr, "no staff tonight"),
              IsOk());
  ASSERT_THAT(rosa_p.GetHold(first.referral().id(), &hold), IsOk());
  EXPECT_EQ(hold.state(), v1::HOLD_STATE_RELEASED);
  v1::SubmitReferralResponse third;
  EXPECT_THAT(rosa.Submit(held(""), &third), IsOk());
}

class ShortFreshnessTest : public PlacementTest {
 protected:
  std::vector<std::string> ExtraArgs() const override {
    return {"--availability-freshness", "1h"};
  }
};

TEST_F(ShortFreshnessTest, FiguresOlderThanTheLimitAreUnknown) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  Placement rosa_p(rosa), oslo_p(oslo);
  ASSERT_THAT(oslo_p.Report({Unit("ks-oslo", "Akutt", 3,
                                  absl::Now() - absl::Hours(2))}),
              IsOk());
  v1::ListAvailabilityResponse list;
  ASSERT_THAT(rosa_p.List(&list, "ks-oslo"), IsOk());
  ASSERT_EQ(list.facilities_size(), 1);
  ASSERT_EQ(list.facilities(0).units_size(), 1);
  const v1::UnitAvailability& unit = list.facilities(0).units(0);
  EXPECT_FALSE(unit.fresh());
  EXPECT_FALSE(unit.has_free());
  EXPECT_EQ(unit.reported().free(), 0u);
  v1::FindPlacesResponse found;
  ASSERT_THAT(rosa_p.Find(Woman(), &found), IsOk());
  EXPECT_THAT(found.matches(), IsEmpty());
  v1::SubmitReferralResponse ignored;
  v1::SubmitReferralRequest r = NewReferralRequest("ks-oslo");
  r.mutable_hold()->set_facility_id("ks-oslo");
  EXPECT_THAT(rosa.Submit(r, &ignored),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
}

}  // namespace
}  // namespace rosa::integration
