// A test fixture for the placement desk (and the referral desk that holds
// places through it) on a real SQLite store in a fresh temporary directory,
// with a fixed clock and an in-memory partner registry (on the shared hub
// kit, tests/testutil/hub_kit.h):
//   rosa         coordinator, no facilities
//   ks-oslo      shelter, facility ks-oslo (oslo, secret address)
//   ks-skien     shelter, facility ks-skien (telemark, open address)
//   filemon      safe house, men only, facility filemon (oslo, secret)
//   lauras-hus   reinforced housing, women only, facility lauras-hus (oslo)
//   ks-vest      shelter, facilities ks-bergen and ks-stavanger (vestland)
//   ks-stengt    shelter, disabled, facility ks-stengt (oslo)
//   iom          assisted return, no facilities
// Header-only; for tests/hub/placement. Thread-safety: one fixture per test;
// the helpers block until the desk answers.
#ifndef ROSA_TESTS_HUB_PLACEMENT_PLACEMENT_FIXTURE_H_
#define ROSA_TESTS_HUB_PLACEMENT_PLACEMENT_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/placement/placement_desk.h"
#include "hub/referral/referral_desk.h"
#include "tests/testutil/hub_kit.h"

namespace rosa::testing_placement {

namespace v1 = rosa::hub::v1;
using testutil::Await;
using testutil::MakePartner;

inline constexpr char kSecretAddress[] = "Hemmeligveien 3, 0150 Oslo";
inline constexpr char kOpenAddress[] = "Storgata 1, 3724 Skien";

class PlacementFixture : public testutil::HubKit {
 protected:
  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner(
            "ks-oslo", v1::PARTNER_KIND_SHELTER,
            {{"ks-oslo", "Oslo krisesenter", "oslo", kSecretAddress, true}}),
        MakePartner("ks-skien", v1::PARTNER_KIND_SHELTER,
                    {{"ks-skien", "Skien krisesenter", "telemark", kOpenAddress,
                      false}}),
        MakePartner("filemon", v1::PARTNER_KIND_SAFE_HOUSE,
                    {{"filemon", "Filemon", "oslo", kSecretAddress, true}},
                    {v1::GENDER_MAN}),
        MakePartner(
            "lauras-hus", v1::PARTNER_KIND_REINFORCED_HOUSING,
            {{"lauras-hus", "Lauras hus", "oslo", kSecretAddress, true}},
            {v1::GENDER_WOMAN}),
        MakePartner("ks-vest", v1::PARTNER_KIND_SHELTER,
                    {{"ks-bergen", "Bergen", "vestland", "", true},
                     {"ks-stavanger", "Stavanger", "rogaland", "", true}}),
        MakePartner("ks-stengt", v1::PARTNER_KIND_SHELTER,
                    {{"ks-stengt", "Stengt", "oslo", "", true}}, {}, false),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
    });
    OpenStoreAndDesks();
  }

  void TearDown() override {
    referrals_.reset();
    placement_.reset();
    CloseStore();
  }

  // Opens the store in dir_ and the desks over it, reading DeskClock() (a
  // test that restarts the hub runs TearDown first).
  void OpenStoreAndDesks() {
    OpenStore();
    placement_ = std::make_unique<PlacementDesk>(
        &registry_, db_.get(), outbox_.get(), DeskClock(), PlacementOptions());
    referrals_ = std::make_unique<ReferralDesk>(&registry_, db_.get(),
                                                outbox_.get(), vault_.get(),
                                                DeskClock(), placement_.get());
  }

  // The clock the desks read (the test's clock_ unless a test says).
  virtual const Clock* DeskClock() const { return &clock_; }
  virtual PlacementDesk::Options PlacementOptions() const {
    return PlacementDesk::Options();
  }

  // A unit of women and men, 10 places, `free` free, as of now.
  v1::UnitCapacity Unit(const std::string& facility, const std::string& name,
                        uint32_t free) {
    v1::UnitCapacity u;
    u.set_facility_id(facility);
    u.set_unit(name);
    u.set_type(v1::UNIT_TYPE_LONGER_STAY);
    u.set_capacity(10);
    u.set_free(free);
    u.set_admits(v1::ADMITTED_GENDERS_ALL);
    *u.mutable_as_of() = ToProtoTime(clock_.Now());
    return u;
  }

  absl::StatusOr<v1::ReportCapacityResponse> Report(
      const std::string& who, std::vector<v1::UnitCapacity> units,
      std::string key = "") {
    v1::ReportCapacityRequest r;
    r.set_idempotency_key(key.empty() ? NextKey() : key);
    for (auto& u : units) *r.add_units() = std::move(u);
    return ReportWith(who, r);
  }
  absl::StatusOr<v1::ReportCapacityResponse> ReportWith(
      const std::string& who, const v1::ReportCapacityRequest& r) {
    return Await<v1::ReportCapacityResponse>([&](auto done) {
      placement_->ReportCapacity(P(who), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::ListAvailabilityResponse> List(
      const std::string& who, const std::string& facility = "") {
    v1::ListAvailabilityRequest r;
    r.set_facility_id(facility);
    return Await<v1::ListAvailabilityResponse>(
        [&](auto done) { placement_->ListAvailability(P(who), r, done); });
  }
  // ROSA's view of one facility (fails the test if there is none).
  v1::FacilityAvailability View(const std::string& facility) {
    auto list = List("rosa", facility);
    EXPECT_TRUE(list.ok()) << list.status();
    if (!list.ok() || list->facilities_size() != 1) return {};
    return list->facilities(0);
  }
  // Free now in ROSA's view of a unit; -1 when not fresh or not there.
  int FreeNow(const std::string& facility, const std::string& unit) {
    const v1::FacilityAvailability view = View(facility);
    for (const auto& u : view.units()) {
      if (u.reported().unit() == unit) {
        return u.has_free() ? static_cast<int>(u.free()) : -1;
      }
    }
    return -1;
  }
  absl::StatusOr<v1::FindPlacesResponse> Find(const v1::PlacementNeed& need,
                                              const std::string& who = "rosa") {
    v1::FindPlacesRequest r;
    *r.mutable_need() = need;
    return Await<v1::FindPlacesResponse>(
        [&](auto done) { placement_->FindPlaces(P(who), r, done); });
  }
  absl::StatusOr<v1::PlaceHold> GetHold(const std::string& referral_id,
                                        const std::string& who = "rosa") {
    v1::GetHoldRequest r;
    r.set_referral_id(referral_id);
    return Await<v1::PlaceHold>(
        [&](auto done) { placement_->GetHold(P(who), r, done); });
  }

  static v1::SubmitReferralRequest Placement(const std::string& recipient,
                                             v1::Gender gender) {
    v1::SubmitReferralRequest r;
    r.set_recipient(recipient);
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref("P-7KQ2M9XA");
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(gender);
    f->set_age(29);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    return r;
  }
  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const std::string& sender, v1::SubmitReferralRequest r) {
    r.set_idempotency_key(NextKey());
    return Await<v1::SubmitReferralResponse>([&](auto done) {
      referrals_->Submit(P(sender), r, absl::InfiniteFuture(), done);
    });
  }
  // ROSA refers a woman to `facility`'s partner, holding a place in `unit`
  // (any fitting unit when empty).
  absl::StatusOr<v1::SubmitReferralResponse> SubmitHolding(
      const std::string& recipient, const std::string& facility,
      const std::string& unit, v1::Gender gender = v1::GENDER_WOMAN) {
    v1::SubmitReferralRequest r = Placement(recipient, gender);
    r.mutable_hold()->set_facility_id(facility);
    r.mutable_hold()->set_unit(unit);
    return Submit("rosa", r);
  }
  absl::StatusOr<v1::Referral> Move(const std::string& actor,
                                    const std::string& id,
                                    v1::ReferralState target,
                                    const std::string& reason = "") {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(NextKey());
    r.set_referral_id(id);
    r.set_target(target);
    r.set_reason(reason);
    return Await<v1::Referral>([&](auto done) {
      referrals_->UpdateStatus(P(actor), r, absl::InfiniteFuture(), done);
    });
  }

  // The availability events of `partner`'s stream, in order.
  std::vector<v1::AvailabilityChangedEvent> AvailabilityEvents(
      const std::string& partner) {
    std::vector<v1::AvailabilityChangedEvent> out;
    for (const v1::Event& e : Events(partner)) {
      if (e.has_availability()) out.push_back(e.availability());
    }
    return out;
  }
  // Every partner but ROSA: none may ever get an availability event.
  void ExpectNoAvailabilityOutsideRosa() {
    for (const Partner* p : registry_.All()) {
      if (p->id == "rosa") continue;
      EXPECT_TRUE(AvailabilityEvents(p->id).empty()) << p->id;
    }
  }

  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
};

}  // namespace rosa::testing_placement

#endif  // ROSA_TESTS_HUB_PLACEMENT_PLACEMENT_FIXTURE_H_
