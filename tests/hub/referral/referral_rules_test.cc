#include "hub/referral/referral_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/referral/assisted_return.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

Partner Taking(const std::string& id, std::vector<v1::Gender> genders) {
  Partner p;
  p.id = id;
  p.kind = v1::PARTNER_KIND_SAFE_HOUSE;
  p.admits_genders = std::move(genders);
  p.enabled = true;
  return p;
}

v1::SubmitReferralRequest PlacementOf(v1::Gender gender) {
  v1::SubmitReferralRequest r;
  r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  r.mutable_facts()->set_gender(gender);
  return r;
}

TEST(ReferralRulesTest, FilemonTakesMenOnly) {
  const Partner filemon = Taking("filemon", {v1::GENDER_MAN});
  EXPECT_TRUE(CheckRecipientAdmits(filemon, PlacementOf(v1::GENDER_MAN)).ok());
  for (auto g : {v1::GENDER_WOMAN, v1::GENDER_TRANS, v1::GENDER_UNKNOWN}) {
    const absl::Status s = CheckRecipientAdmits(filemon, PlacementOf(g));
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(s.message()), HasSubstr("filemon takes only: man"));
  }
}

TEST(ReferralRulesTest, LaurasHusTakesWomenOnly) {
  const Partner lauras = Taking("lauras-hus", {v1::GENDER_WOMAN});
  EXPECT_TRUE(CheckRecipientAdmits(lauras, PlacementOf(v1::GENDER_WOMAN)).ok());
  EXPECT_EQ(CheckRecipientAdmits(lauras, PlacementOf(v1::GENDER_MAN)).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(ReferralRulesTest, OnlyPlacementsAreLimitedAndEmptyMeansEveryone) {
  const Partner anyone = Taking("ks-oslo", {});
  EXPECT_TRUE(CheckRecipientAdmits(anyone, PlacementOf(v1::GENDER_MAN)).ok());
  auto legal = PlacementOf(v1::GENDER_WOMAN);
  legal.set_type(v1::REFERRAL_TYPE_LEGAL_COUNSEL);
  EXPECT_TRUE(CheckRecipientAdmits(Taking("x", {v1::GENDER_MAN}), legal).ok());
}

v1::UpdateAssistedReturnRequest Update(v1::AssistedReturnStatus status) {
  v1::UpdateAssistedReturnRequest r;
  r.set_idempotency_key("k1");
  r.set_referral_id("R-2026-000001");
  r.mutable_assisted_return()->set_status(status);
  r.mutable_assisted_return()->set_status_date("2026-11-28");
  return r;
}

TEST(AssistedReturnTest, DepartureDateRequiredFromTravelBooked) {
  EXPECT_TRUE(ValidateUpdateAssistedReturn(
                  Update(v1::ASSISTED_RETURN_STATUS_ASSESSMENT))
                  .ok());
  for (auto s : {v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED,
                 v1::ASSISTED_RETURN_STATUS_DEPARTED}) {
    auto r = Update(s);
    const absl::Status missing = ValidateUpdateAssistedReturn(r);
    EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(missing.message()),
                HasSubstr("assisted_return.departure_date: required"));
    r.mutable_assisted_return()->set_departure_date("2026-12-10");
    EXPECT_TRUE(ValidateUpdateAssistedReturn(r).ok());
  }
}

TEST(AssistedReturnTest, DatesAndCountryAreChecked) {
  auto r = Update(v1::ASSISTED_RETURN_STATUS_ELIGIBLE);
  r.mutable_assisted_return()->set_status_date("2026-02-30");
  EXPECT_THAT(std::string(ValidateUpdateAssistedReturn(r).message()),
              HasSubstr("status_date"));
  r = Update(v1::ASSISTED_RETURN_STATUS_ELIGIBLE);
  r.mutable_assisted_return()->set_destination_country("ZZ");
  EXPECT_THAT(std::string(ValidateUpdateAssistedReturn(r).message()),
              HasSubstr("destination_country"));
  r = Update(v1::ASSISTED_RETURN_STATUS_UNSPECIFIED);
  EXPECT_THAT(std::string(ValidateUpdateAssistedReturn(r).message()),
              HasSubstr("status: required"));
  EXPECT_TRUE(IsIsoDate("2028-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-2-28"));
}

// The proto's limits, checked by the core for every way in (the API and
// IOM's plugin alike).
TEST(AssistedReturnTest, TextFieldsAreChecked) {
  struct Field {
    std::string name;
    std::string* (v1::AssistedReturn::*mutable_value)();
    size_t max;
    bool one_line;
  };
  const Field fields[] = {
      {"iom_case_ref", &v1::AssistedReturn::mutable_iom_case_ref, 64, true},
      {"programme", &v1::AssistedReturn::mutable_programme, 80, true},
      {"note", &v1::AssistedReturn::mutable_note, 500, false},
  };
  for (const Field& f : fields) {
    SCOPED_TRACE(f.name);
    auto r = Update(v1::ASSISTED_RETURN_STATUS_ELIGIBLE);
    std::string* value = (r.mutable_assisted_return()->*f.mutable_value)();
    *value = "";
    for (size_t i = 0; i < f.max; ++i) *value += "\xC3\xA5";  // å
    EXPECT_TRUE(ValidateUpdateAssistedReturn(r).ok());
    *value += "x";
    const absl::Status long_value = ValidateUpdateAssistedReturn(r);
    EXPECT_EQ(long_value.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(long_value.message()),
                HasSubstr("assisted_return." + f.name + ": at most " +
                          std::to_string(f.max) + " characters"));
    *value = "two\nlines";
    EXPECT_EQ(ValidateUpdateAssistedReturn(r).ok(), !f.one_line);
    if (f.one_line) {
      EXPECT_THAT(std::string(ValidateUpdateAssistedReturn(r).message()),
                  HasSubstr("assisted_return." + f.name + ": must be one line"));
      *value = "a\xC2\x85" "b";  // NEL, a C1 control.
      EXPECT_FALSE(ValidateUpdateAssistedReturn(r).ok());
    }
  }
}

TEST(AssistedReturnTest, AppliesOnlyToAcceptedAssistedReturnReferrals) {
  v1::Referral r;
  r.set_id("R-2026-000001");
  r.set_type(v1::REFERRAL_TYPE_ASSISTED_RETURN);
  r.set_state(v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(CheckAssistedReturnApplies(r).code(),
            absl::StatusCode::kFailedPrecondition);
  r.set_state(v1::REFERRAL_STATE_ACCEPTED);
  EXPECT_TRUE(CheckAssistedReturnApplies(r).ok());
  r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  EXPECT_EQ(CheckAssistedReturnApplies(r).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace rosa
