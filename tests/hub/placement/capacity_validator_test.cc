// Tests of the placement request checks: limits, required fields, enum
// values, as_of in the future, and that no message repeats a text value.
#include "hub/placement/capacity_validator.h"

#include <string>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;

const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2026, 11, 29, 10, 0, 0), absl::UTCTimeZone());

v1::UnitCapacity GoodUnit() {
  v1::UnitCapacity u;
  u.set_facility_id("ks-oslo");
  u.set_unit("Akutt");
  u.set_type(v1::UNIT_TYPE_ACUTE);
  u.set_capacity(8);
  u.set_free(2);
  u.set_admits(v1::ADMITTED_GENDERS_WOMEN);
  u.set_acute_free(1);
  *u.mutable_as_of() = ToProtoTime(kNow - absl::Hours(1));
  return u;
}

v1::ReportCapacityRequest Report(const v1::UnitCapacity& unit) {
  v1::ReportCapacityRequest r;
  r.set_idempotency_key("cap-1");
  *r.add_units() = unit;
  return r;
}

absl::Status Check(const v1::UnitCapacity& unit) {
  return ValidateReportCapacity(Report(unit), kNow);
}

MATCHER_P(IsInvalid, text, "") {
  *result_listener << "which is " << arg;
  return arg.code() == absl::StatusCode::kInvalidArgument &&
         std::string(arg.message()).find(text) != std::string::npos;
}

TEST(CapacityValidatorTest, AcceptsAGoodReport) {
  EXPECT_TRUE(Check(GoodUnit()).ok());
  v1::UnitCapacity u = GoodUnit();
  u.clear_facility_id();  // A partner with one facility may leave it out.
  u.clear_acute_free();
  EXPECT_TRUE(Check(u).ok());
}

TEST(CapacityValidatorTest, UnitCountIsOneTo200) {
  v1::ReportCapacityRequest r;
  r.set_idempotency_key("k");
  EXPECT_THAT(ValidateReportCapacity(r, kNow), IsInvalid("units: required"));
  for (int i = 0; i < 200; ++i) {
    v1::UnitCapacity u = GoodUnit();
    u.set_unit("Unit " + std::to_string(i));
    *r.add_units() = u;
  }
  EXPECT_TRUE(ValidateReportCapacity(r, kNow).ok());
  *r.add_units() = GoodUnit();
  EXPECT_THAT(ValidateReportCapacity(r, kNow), IsInvalid("units: at most 200"));
}

TEST(CapacityValidatorTest, UnitNameIsShortTextWithoutControls) {
  v1::UnitCapacity u = GoodUnit();
  u.set_unit("");
  EXPECT_THAT(Check(u), IsInvalid("units[0].unit: required"));
  u.set_unit(std::string(80, 'a'));
  EXPECT_TRUE(Check(u).ok());
  // 80 code points of two bytes each are still 80 characters.
  std::string ae;
  for (int i = 0; i < 80; ++i) ae += "\xC3\xA6";
  u.set_unit(ae);
  EXPECT_TRUE(Check(u).ok());
  u.set_unit(std::string(81, 'a'));
  EXPECT_THAT(Check(u), IsInvalid("units[0].unit"));
  for (const std::string& bad :
       {std::string("Akutt\n"), std::string("A\tB"), std::string("A\x7F"),
        std::string("A\xC2\x85"), std::string("\xFF"), std::string("   "),
        std::string("A\0B", 3)}) {
    u.set_unit(bad);
    EXPECT_THAT(Check(u), IsInvalid("units[0].unit")) << bad.size();
  }
}

TEST(CapacityValidatorTest, FiguresStayInRange) {
  v1::UnitCapacity u = GoodUnit();
  u.set_capacity(501);
  EXPECT_THAT(Check(u), IsInvalid("units[0].capacity: must be 0 to 500"));
  u = GoodUnit();
  u.set_free(9);
  EXPECT_THAT(Check(u), IsInvalid("units[0].free: must be at most capacity (8)"));
  u = GoodUnit();
  u.set_acute_free(3);
  EXPECT_THAT(Check(u), IsInvalid("units[0].acute_free"));
  u = GoodUnit();
  u.set_family_free(3);
  EXPECT_THAT(Check(u), IsInvalid("units[0].family_free"));
  u = GoodUnit();
  u.set_capacity(0);
  u.set_free(0);
  u.set_acute_free(0);
  EXPECT_TRUE(Check(u).ok());
}

TEST(CapacityValidatorTest, TypeAndAdmitsAreRequiredKnownValues) {
  v1::UnitCapacity u = GoodUnit();
  u.set_type(v1::UNIT_TYPE_UNSPECIFIED);
  EXPECT_THAT(Check(u), IsInvalid("units[0].type: required"));
  u.set_type(static_cast<v1::UnitType>(42));
  EXPECT_THAT(Check(u), IsInvalid("units[0].type: unknown value 42"));
  u = GoodUnit();
  u.set_admits(v1::ADMITTED_GENDERS_UNSPECIFIED);
  EXPECT_THAT(Check(u), IsInvalid("units[0].admits: required"));
}

TEST(CapacityValidatorTest, AsOfIsRequiredAndNotInTheFuture) {
  v1::UnitCapacity u = GoodUnit();
  u.clear_as_of();
  EXPECT_THAT(Check(u), IsInvalid("units[0].as_of: required"));
  *u.mutable_as_of() = ToProtoTime(kNow + absl::Minutes(5));
  EXPECT_TRUE(Check(u).ok());  // Clock skew.
  *u.mutable_as_of() = ToProtoTime(kNow + absl::Minutes(5) + absl::Seconds(1));
  EXPECT_THAT(Check(u), IsInvalid("units[0].as_of: must not be in the future"));
  u.mutable_as_of()->set_nanos(-1);
  EXPECT_THAT(Check(u), IsInvalid("units[0].as_of.nanos: must be 0 to 999999999"));
}

TEST(CapacityValidatorTest, FacilityIdAndKeyHaveTheirFormats) {
  v1::UnitCapacity u = GoodUnit();
  u.set_facility_id("Oslo Krisesenter");
  EXPECT_THAT(Check(u), IsInvalid("units[0].facility_id"));
  v1::ReportCapacityRequest r = Report(GoodUnit());
  r.set_idempotency_key("has space");
  EXPECT_THAT(ValidateReportCapacity(r, kNow), IsInvalid("idempotency_key"));
  r.clear_idempotency_key();  // Checked only when set.
  EXPECT_TRUE(ValidateReportCapacity(r, kNow).ok());
}

TEST(CapacityValidatorTest, MessagesNeverRepeatTheUnitName) {
  v1::UnitCapacity u = GoodUnit();
  u.set_unit("Hemmelig\x01navn");
  EXPECT_THAT(std::string(Check(u).message()), Not(HasSubstr("Hemmelig")));
}

TEST(CapacityValidatorTest, NeedNeedsAGender) {
  v1::FindPlacesRequest r;
  EXPECT_THAT(ValidateFindPlaces(r), IsInvalid("need: required"));
  r.mutable_need()->set_children(1);
  EXPECT_THAT(ValidateFindPlaces(r), IsInvalid("need.gender: required"));
  for (v1::Gender g : {v1::GENDER_WOMAN, v1::GENDER_MAN, v1::GENDER_TRANS,
                       v1::GENDER_UNKNOWN}) {
    r.mutable_need()->set_gender(g);
    EXPECT_TRUE(ValidateFindPlaces(r).ok()) << g;
  }
  r.mutable_need()->set_children(21);
  EXPECT_THAT(ValidateFindPlaces(r), IsInvalid("need.children"));
  r.mutable_need()->set_children(0);
  r.mutable_need()->set_region("Oslo\n");
  EXPECT_THAT(ValidateFindPlaces(r), IsInvalid("need.region"));
}

TEST(CapacityValidatorTest, HoldNeedsAFacility) {
  v1::HoldPlace h;
  EXPECT_THAT(ValidateHoldPlace("hold", h),
              IsInvalid("hold.facility_id: required"));
  h.set_facility_id("ks-oslo");
  EXPECT_TRUE(ValidateHoldPlace("hold", h).ok());
  h.set_unit("Akutt");
  EXPECT_TRUE(ValidateHoldPlace("hold", h).ok());
  h.set_unit("A\nB");
  EXPECT_THAT(ValidateHoldPlace("hold", h), IsInvalid("hold.unit"));
}

TEST(CapacityValidatorTest, GetHoldAndListTakeWellFormedIds) {
  v1::GetHoldRequest g;
  EXPECT_THAT(ValidateGetHold(g), IsInvalid("referral_id: required"));
  g.set_referral_id("R-2026-000001");
  EXPECT_TRUE(ValidateGetHold(g).ok());
  g.set_referral_id("nope");
  EXPECT_THAT(ValidateGetHold(g), IsInvalid("referral_id"));
  v1::ListAvailabilityRequest l;
  EXPECT_TRUE(ValidateListAvailability(l).ok());
  l.set_facility_id("BAD ID");
  EXPECT_THAT(ValidateListAvailability(l), IsInvalid("facility_id"));
}

}  // namespace
}  // namespace rosa
