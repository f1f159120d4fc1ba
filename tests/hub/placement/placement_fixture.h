// A test fixture for the placement desk (and the referral desk that holds
// places through it) on a real SQLite store in a fresh temporary directory,
// with a fixed clock and an in-memory partner registry:
//   rosa         coordinator, no facilities
//   ks-oslo      shelter, facility ks-oslo (oslo, secret address)
//   ks-skien     shelter, facility ks-skien (telemark, open address)
//   filemon      safe house, men only, facility filemon (oslo, secret)
//   lauras-hus   reinforced housing, women only, facility lauras-hus (oslo)
//   ks-vest      shelter, facilities ks-bergen and ks-stavanger (vestland)
//   ks-stengt    shelter, disabled, facility ks-stengt (oslo)
//   iom          assisted return, no facilities
// Header-only; for tests/hub/placement.
#ifndef ROSA_TESTS_HUB_PLACEMENT_PLACEMENT_FIXTURE_H_
#define ROSA_TESTS_HUB_PLACEMENT_PLACEMENT_FIXTURE_H_

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/outbox.h"
#include "hub/person/person_vault.h"
#include "hub/placement/placement_desk.h"
#include "hub/referral/referral_desk.h"
#include "hub/referral/referral_event_content.h"
#include "hub/store/database.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testing_placement {

namespace v1 = rosa::hub::v1;

inline constexpr char kSecretAddress[] = "Hemmeligveien 3, 0150 Oslo";
inline constexpr char kOpenAddress[] = "Storgata 1, 3724 Skien";

class FixedClock final : public Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 29, 10, 0, 0),
                                   absl::UTCTimeZone());
};

inline Partner MakePartner(std::string id, PartnerKind kind,
                           std::vector<Facility> facilities = {},
                           std::vector<v1::Gender> admits = {},
                           bool enabled = true) {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.facilities = std::move(facilities);
  p.admits_genders = std::move(admits);
  p.enabled = enabled;
  return p;
}

// Runs a desk call and waits for its answer.
template <typename T, typename Call>
absl::StatusOr<T> Await(Call call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

class PlacementFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto registry = PartnerRegistry::FromPartners({
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
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    store::Database::Options options;
    options.path = dir_.File("rosa-hub.db");
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    outbox_ = std::make_unique<Outbox>(&notifier_);
    auto keks = crypto::KekStore::OpenOrCreate(
        crypto::KekStore::DefaultPath(dir_.path()));
    ASSERT_TRUE(keks.ok()) << keks.status();
    keks_ = std::move(*keks);
    vault_ = std::make_unique<PersonVault>(keks_.get());
    content_ =
        std::make_unique<ReferralEventContent>(&registry_, &vault_->texts());
    placement_ = std::make_unique<PlacementDesk>(
        &registry_, db_.get(), outbox_.get(), DeskClock(), PlacementOptions());
    referrals_ = std::make_unique<ReferralDesk>(&registry_, db_.get(),
                                                outbox_.get(), vault_.get(),
                                                DeskClock(), placement_.get());
  }

  void TearDown() override {
    referrals_.reset();
    placement_.reset();
    db_.reset();
  }

  // The clock the desks read (the test's clock_ unless a test says).
  virtual const Clock* DeskClock() const { return &clock_; }
  virtual PlacementDesk::Options PlacementOptions() const {
    return PlacementDesk::Options();
  }

  const Partner& P(const std::string& id) { return *registry_.Find(id); }
  std::string NextKey() { return absl::StrCat("key-", ++keys_); }

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
    *u.mutable_as_of() = ToProtoTime(clock_.now);
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

  std::vector<v1::Event> Events(const std::string& partner) {
    std::vector<v1::Event> events;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) {
                      auto read =
                          Outbox::Read(conn, partner, 0, 10000, content_.get());
                      if (!read.ok()) return read.status();
                      events = std::move(*read);
                      return absl::OkStatus();
                    })
                    .ok());
    return events;
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

  testutil::TempDir dir_;  // Outlives the database.
  FixedClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<ReferralEventContent> content_;
  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
  int keys_ = 0;
};

}  // namespace rosa::testing_placement

#endif  // ROSA_TESTS_HUB_PLACEMENT_PLACEMENT_FIXTURE_H_
