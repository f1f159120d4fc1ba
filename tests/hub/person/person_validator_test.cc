// Tests of RegisterPersonRequest validation: every bad field is refused with
// INVALID_ARGUMENT naming the field, and no message echoes the value.
#include "hub/person/person_validator.h"

#include <functional>
#include <string>
#include <vector>

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

v1::RegisterPersonRequest Valid() {
  v1::RegisterPersonRequest r;
  r.set_idempotency_key("k-1");
  r.mutable_identity()->set_given_name("Ioana");
  r.mutable_identity()->set_family_name("Popescu");
  r.mutable_profile()->set_gender(v1::GENDER_WOMAN);
  r.mutable_profile()->set_birth_year(1994);
  *r.mutable_registration_consent_given_at() = ToProtoTime(kNow);
  return r;
}

struct Case {
  const char* field;   // Must appear in the message.
  const char* secret;  // Must not appear in the message ("" for none).
  std::function<void(v1::RegisterPersonRequest&)> mutate;
};

TEST(PersonValidatorTest, AcceptsAFullValidRequest) {
  v1::RegisterPersonRequest r = Valid();
  r.mutable_identity()->set_birth_date("1994-03-07");
  r.mutable_identity()->set_duf_number("201912345678");
  r.mutable_identity()->set_phone("+4790012345");
  r.mutable_identity()->set_contact_address("Storgata 1, Oslo");
  r.mutable_identity()->set_given_name(std::string(100, 'a'));
  r.mutable_profile()->set_nationality("RO");
  r.mutable_profile()->add_exploitation_forms(v1::EXPLOITATION_FORM_MIXED);
  EXPECT_TRUE(ValidateRegisterPerson(r, kNow).ok());
  EXPECT_TRUE(ValidateRegisterPerson(Valid(), kNow).ok());
}

TEST(PersonValidatorTest, NamesTheFieldAndNeverEchoesTheValue) {
  const std::vector<Case> cases = {
      {"idempotency_key", "", [](auto& r) { r.clear_idempotency_key(); }},
      {"identity.given_name", "",
       [](auto& r) { r.mutable_identity()->clear_given_name(); }},
      {"identity.given_name", "",
       [](auto& r) { r.mutable_identity()->set_given_name("   "); }},
      {"identity.family_name", "",
       [](auto& r) {
         r.mutable_identity()->set_family_name(std::string(101, 'x'));
       }},
      {"identity.given_name", "",
       [](auto& r) { r.mutable_identity()->set_given_name("Io\nana"); }},
      // C1 controls (NEL, CSI) are control characters too (common/text.h).
      {"identity.given_name", "",
       [](auto& r) {
         r.mutable_identity()->set_given_name(
             "Io\xC2\x85"
             "ana");
       }},
      {"identity.contact_address", "",
       [](auto& r) {
         r.mutable_identity()->set_contact_address(
             "Storgata\xC2\x9B"
             "1");
       }},
      {"identity.birth_date", "1994-02-30",
       [](auto& r) { r.mutable_identity()->set_birth_date("1994-02-30"); }},
      {"identity.birth_date", "07.03.1994",
       [](auto& r) { r.mutable_identity()->set_birth_date("07.03.1994"); }},
      {"identity.birth_date", "1995-03-07",
       [](auto& r) { r.mutable_identity()->set_birth_date("1995-03-07"); }},
      {"identity.duf_number", "20191234567",
       [](auto& r) { r.mutable_identity()->set_duf_number("20191234567"); }},
      {"identity.duf_number", "2019123456AB",
       [](auto& r) { r.mutable_identity()->set_duf_number("2019123456AB"); }},
      {"identity.phone", "4790012345",
       [](auto& r) { r.mutable_identity()->set_phone("4790012345"); }},
      {"identity.phone", "+04790012345",
       [](auto& r) { r.mutable_identity()->set_phone("+04790012345"); }},
      {"identity.phone", "+47900123456789012",
       [](auto& r) { r.mutable_identity()->set_phone("+47900123456789012"); }},
      {"profile.gender", "",
       [](auto& r) { r.mutable_profile()->clear_gender(); }},
      {"profile.birth_year", "",
       [](auto& r) { r.mutable_profile()->set_birth_year(1899); }},
      {"profile.birth_year", "",
       [](auto& r) { r.mutable_profile()->set_birth_year(2027); }},
      {"profile.nationality", "XK",
       [](auto& r) { r.mutable_profile()->set_nationality("XK"); }},
      {"profile.nationality", "",
       [](auto& r) { r.mutable_profile()->set_nationality("ro"); }},
      {"profile.exploitation_forms", "",
       [](auto& r) {
         r.mutable_profile()->add_exploitation_forms(
             v1::EXPLOITATION_FORM_UNSPECIFIED);
       }},
      {"profile.residence_history", "",
       [](auto& r) { r.mutable_profile()->add_residence_history(); }},
      {"profile.children", "",
       [](auto& r) { r.mutable_profile()->set_children(21); }},
      {"registration_consent_given_at", "",
       [](auto& r) {
         *r.mutable_registration_consent_given_at() =
             ToProtoTime(kNow + absl::Hours(1));
       }},
  };
  for (const Case& c : cases) {
    v1::RegisterPersonRequest r = Valid();
    c.mutate(r);
    const absl::Status s = ValidateRegisterPerson(r, kNow);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.field));
    if (*c.secret != '\0') {
      EXPECT_THAT(std::string(s.message()), Not(HasSubstr(c.secret)));
    }
  }
}

TEST(PersonValidatorTest, Formats) {
  EXPECT_TRUE(IsIsoDate("2000-02-29"));
  EXPECT_FALSE(IsIsoDate("1900-02-29"));
  EXPECT_FALSE(IsIsoDate("2001-13-01"));
  EXPECT_FALSE(IsIsoDate("2001-1-01"));
  EXPECT_TRUE(IsDufNumber("000000000000"));
  EXPECT_FALSE(IsDufNumber("0000000000000"));
  EXPECT_TRUE(IsE164("+4790000000"));
  EXPECT_TRUE(IsE164("+123456789012345"));
  EXPECT_FALSE(IsE164("+1234567890123456"));
  EXPECT_FALSE(IsE164("+47 900 00 000"));
}

TEST(PersonValidatorTest, PossiblyMinor) {
  v1::RegisterPersonRequest r = Valid();
  EXPECT_FALSE(IsPossiblyMinor(r, kNow));
  r.mutable_profile()->set_possibly_minor(true);
  EXPECT_TRUE(IsPossiblyMinor(r, kNow));
  r = Valid();
  r.mutable_profile()->set_birth_year(2009);  // 17 by year in 2026.
  EXPECT_TRUE(IsPossiblyMinor(r, kNow));
  r.mutable_profile()->set_birth_year(2008);
  EXPECT_FALSE(IsPossiblyMinor(r, kNow));
  r.mutable_identity()->set_birth_date("2008-11-30");  // 18 tomorrow.
  EXPECT_TRUE(IsPossiblyMinor(r, kNow));
}

}  // namespace
}  // namespace rosa
