#include "hub/referral/referral_validator.h"

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// Free text and personal references that must never reach an error message.
// Every one of them holds "kari", which no error message does otherwise.
constexpr char kSecretNote[] = "Kari Nordmann, kjent fra Grorud";
constexpr char kSecretReason[] = "Kari Nordmann ble hentet av politiet";
constexpr char kSecretPersonRef[] = "P-KARI7NORDMANN";

// The hub's "now" in these tests: 2026-03-14T12:00:00Z.
constexpr absl::Time kNow = absl::FromUnixSeconds(1773489600);

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The checks every rejected request must pass: INVALID_ARGUMENT, naming
// `field` first, and no trace of the secret texts.
void ExpectInvalid(const absl::Status& status, const std::string& field) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), StartsWith(field + ": "));
  EXPECT_THAT(absl::AsciiStrToLower(status.message()), Not(HasSubstr("kari")));
}

v1::SubmitReferralRequest ValidSubmit() {
  v1::SubmitReferralRequest request;
  request.set_idempotency_key("3f1c9a2e-submit-1");
  request.set_recipient("ks-oslo");
  request.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  request.set_person_ref(kSecretPersonRef);
  v1::PersonFacts* facts = request.mutable_facts();
  facts->set_gender(v1::GENDER_WOMAN);
  facts->set_age(24);
  facts->set_nationality("RO");
  facts->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  facts->set_accompanying_children(1);
  facts->add_languages("ro");
  facts->add_languages("en");
  facts->add_needs(v1::NEED_INTERPRETER);
  facts->add_needs(v1::NEED_HIGH_SECURITY);
  facts->set_acute(true);
  request.set_note(kSecretNote);
  return request;
}

v1::UpdateReferralStatusRequest ValidUpdate() {
  v1::UpdateReferralStatusRequest request;
  request.set_idempotency_key("3f1c9a2e-update-1");
  request.set_referral_id("R-2026-000123");
  request.set_target(v1::REFERRAL_STATE_REJECTED);
  request.set_reason(kSecretReason);
  *request.mutable_occurred_at() = ToProtoTime(kNow - absl::Minutes(3));
  return request;
}

// One way to break a request, and the field path the error must name.
template <typename Request>
struct BrokenCase {
  std::string name;
  std::string field;
  std::function<void(Request&)> corrupt;
};

template <typename Request>
std::string CaseName(const testing::TestParamInfo<BrokenCase<Request>>& info) {
  return info.param.name;
}

// --- SubmitReferral -------------------------------------------------------

TEST(ValidateSubmitReferralTest, AcceptsValidRequest) {
  EXPECT_TRUE(ValidateSubmitReferral(ValidSubmit()).ok());
}

TEST(ValidateSubmitReferralTest, AcceptsEdgesOfEveryRange) {
  v1::SubmitReferralRequest request = ValidSubmit();
  request.set_idempotency_key(std::string(128, '~'));
  request.set_person_ref("P-" + std::string(32, 'Z'));
  request.set_note(Repeat("\xC3\xB8", 2000));  // 2000 x 'ø' is 4000 bytes.
  v1::PersonFacts* facts = request.mutable_facts();
  facts->set_age(120);
  facts->set_nationality("");
  facts->set_accompanying_children(20);
  facts->clear_languages();
  for (const char* lang :
       {"ar", "en", "fa", "nb", "pl", "ro", "ru", "so", "ti", "uk"}) {
    facts->add_languages(lang);
  }
  facts->clear_needs();
  for (int need = 1; need <= 7; ++need) {
    facts->add_needs(static_cast<v1::Need>(need));
  }
  EXPECT_TRUE(ValidateSubmitReferral(request).ok());

  request.set_note("");
  request.mutable_facts()->clear_languages();
  request.mutable_facts()->clear_needs();
  request.mutable_facts()->set_accompanying_children(0);
  request.set_idempotency_key("k");
  request.set_person_ref("P-0000");
  EXPECT_TRUE(ValidateSubmitReferral(request).ok());
}

TEST(ValidateSubmitReferralTest, LeavesMinorsToCheckAdultsOnly) {
  v1::SubmitReferralRequest request = ValidSubmit();
  request.mutable_facts()->set_age(16);
  request.mutable_facts()->set_possibly_minor(true);
  EXPECT_TRUE(ValidateSubmitReferral(request).ok());
}

TEST(ValidateSubmitReferralTest, ReportsFirstBadFieldInDeclarationOrder) {
  v1::SubmitReferralRequest request = ValidSubmit();
  request.set_note(Repeat("x", 2001));
  request.mutable_facts()->set_age(0);
  request.set_type(v1::REFERRAL_TYPE_UNSPECIFIED);
  ExpectInvalid(ValidateSubmitReferral(request), "type");
}

TEST(ValidateSubmitReferralTest, NationalityMessageIsExact) {
  v1::SubmitReferralRequest request = ValidSubmit();
  request.mutable_facts()->set_nationality("ro");
  EXPECT_EQ(ValidateSubmitReferral(request).message(),
            "facts.nationality: must be an ISO 3166-1 alpha-2 code such as "
            "\"RO\", or empty when unknown");
}

TEST(ValidateSubmitReferralTest, EnumMessagesSayRequiredOrUnknown) {
  v1::SubmitReferralRequest request = ValidSubmit();
  request.mutable_facts()->set_gender(v1::GENDER_UNSPECIFIED);
  EXPECT_EQ(ValidateSubmitReferral(request).message(),
            "facts.gender: required");
  request.mutable_facts()->set_gender(static_cast<v1::Gender>(42));
  EXPECT_EQ(ValidateSubmitReferral(request).message(),
            "facts.gender: unknown value 42");
}

using SubmitCase = BrokenCase<v1::SubmitReferralRequest>;
class SubmitBrokenTest : public testing::TestWithParam<SubmitCase> {};

TEST_P(SubmitBrokenTest, IsInvalidArgumentNamingTheField) {
  v1::SubmitReferralRequest request = ValidSubmit();
  GetParam().corrupt(request);
  ExpectInvalid(ValidateSubmitReferral(request), GetParam().field);
}

using R = v1::SubmitReferralRequest;
INSTANTIATE_TEST_SUITE_P(
    Fields, SubmitBrokenTest,
    testing::ValuesIn(std::vector<SubmitCase>{
        {"KeyEmpty", "idempotency_key",
         [](R& r) { r.clear_idempotency_key(); }},
        {"KeySpace", "idempotency_key",
         [](R& r) { r.set_idempotency_key("a b"); }},
        {"KeyControl", "idempotency_key",
         [](R& r) { r.set_idempotency_key("ab\x7F"); }},
        {"KeyNonAscii", "idempotency_key",
         [](R& r) { r.set_idempotency_key("n\xC3\xB8kkel"); }},
        {"KeyTooLong", "idempotency_key",
         [](R& r) { r.set_idempotency_key(std::string(129, 'k')); }},
        {"RecipientEmpty", "recipient", [](R& r) { r.clear_recipient(); }},
        {"RecipientUpper", "recipient",
         [](R& r) { r.set_recipient("KS-Oslo"); }},
        {"RecipientDash", "recipient", [](R& r) { r.set_recipient("-oslo"); }},
        {"RecipientShort", "recipient", [](R& r) { r.set_recipient("k"); }},
        {"TypeUnspecified", "type",
         [](R& r) { r.set_type(v1::REFERRAL_TYPE_UNSPECIFIED); }},
        {"TypeUnknown", "type",
         [](R& r) { r.set_type(static_cast<v1::ReferralType>(99)); }},
        {"PersonRefEmpty", "person_ref", [](R& r) { r.clear_person_ref(); }},
        {"PersonRefLower", "person_ref",
         [](R& r) { r.set_person_ref("P-kari7nordmann"); }},
        {"PersonRefName", "person_ref",
         [](R& r) { r.set_person_ref("Kari Nordmann"); }},
        {"PersonRefDash", "person_ref",
         [](R& r) { r.set_person_ref("P-KARI-NORDMANN"); }},
        {"PersonRefShort", "person_ref",
         [](R& r) { r.set_person_ref("P-KAR"); }},
        {"PersonRefLong", "person_ref",
         [](R& r) { r.set_person_ref("P-KARI" + std::string(29, '7')); }},
        {"PersonRefPrefix", "person_ref",
         [](R& r) { r.set_person_ref("Q-KARI7"); }},
        {"FactsMissing", "facts", [](R& r) { r.clear_facts(); }},
        {"GenderUnspecified", "facts.gender",
         [](R& r) { r.mutable_facts()->set_gender(v1::GENDER_UNSPECIFIED); }},
        {"GenderUnknown", "facts.gender",
         [](R& r) {
           r.mutable_facts()->set_gender(static_cast<v1::Gender>(5));
         }},
        {"AgeMissing", "facts.age",
         [](R& r) { r.mutable_facts()->set_age(0); }},
        {"AgeTooHigh", "facts.age",
         [](R& r) { r.mutable_facts()->set_age(121); }},
        {"NationalityLower", "facts.nationality",
         [](R& r) { r.mutable_facts()->set_nationality("ro"); }},
        {"NationalityAlpha3", "facts.nationality",
         [](R& r) { r.mutable_facts()->set_nationality("ROU"); }},
        {"NationalityUnassigned", "facts.nationality",
         [](R& r) { r.mutable_facts()->set_nationality("UK"); }},
        {"ExploitationUnspecified", "facts.exploitation_form",
         [](R& r) {
           r.mutable_facts()->set_exploitation_form(
               v1::EXPLOITATION_FORM_UNSPECIFIED);
         }},
        {"ExploitationUnknown", "facts.exploitation_form",
         [](R& r) {
           r.mutable_facts()->set_exploitation_form(
               static_cast<v1::ExploitationForm>(17));
         }},
        {"ChildrenTooMany", "facts.accompanying_children",
         [](R& r) { r.mutable_facts()->set_accompanying_children(21); }},
        {"LanguagesTooMany", "facts.languages",
         [](R& r) {
           r.mutable_facts()->clear_languages();
           for (const char* lang : {"ar", "en", "fa", "nb", "pl", "ro", "ru",
                                    "so", "ti", "uk", "vi"}) {
             r.mutable_facts()->add_languages(lang);
           }
         }},
        {"LanguageUpper", "facts.languages[2]",
         [](R& r) { r.mutable_facts()->add_languages("PL"); }},
        {"LanguageUnknown", "facts.languages[2]",
         [](R& r) { r.mutable_facts()->add_languages("xx"); }},
        {"LanguageAlpha3", "facts.languages[2]",
         [](R& r) { r.mutable_facts()->add_languages("pol"); }},
        {"LanguageRepeated", "facts.languages[2]",
         [](R& r) { r.mutable_facts()->add_languages("ro"); }},
        {"NeedUnspecified", "facts.needs[2]",
         [](R& r) { r.mutable_facts()->add_needs(v1::NEED_UNSPECIFIED); }},
        {"NeedUnknown", "facts.needs[2]",
         [](R& r) { r.mutable_facts()->add_needs(static_cast<v1::Need>(8)); }},
        {"NeedRepeated", "facts.needs[2]",
         [](R& r) { r.mutable_facts()->add_needs(v1::NEED_INTERPRETER); }},
        {"NoteTooLong", "note",
         [](R& r) { r.set_note(Repeat(kSecretNote, 70)); }},
        {"NoteTooManyCodePoints", "note",
         [](R& r) { r.set_note("Kari" + Repeat("\xC3\xB8", 1997)); }},
    }),
    CaseName<v1::SubmitReferralRequest>);

// --- UpdateReferralStatus -------------------------------------------------

TEST(ValidateUpdateReferralStatusTest, AcceptsValidRequest) {
  EXPECT_TRUE(ValidateUpdateReferralStatus(ValidUpdate(), kNow).ok());
}

TEST(ValidateUpdateReferralStatusTest, AcceptsEveryTarget) {
  for (v1::ReferralState target :
       {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
        v1::REFERRAL_STATE_REJECTED, v1::REFERRAL_STATE_IN_PROGRESS,
        v1::REFERRAL_STATE_COMPLETED, v1::REFERRAL_STATE_CANCELLED}) {
    v1::UpdateReferralStatusRequest request = ValidUpdate();
    request.set_target(target);
    if (target == v1::REFERRAL_STATE_COMPLETED) request.set_nights_stayed(12);
    EXPECT_TRUE(ValidateUpdateReferralStatus(request, kNow).ok())
        << v1::ReferralState_Name(target);
  }
}

TEST(ValidateUpdateReferralStatusTest, AcceptsEdgesOfEveryRange) {
  v1::UpdateReferralStatusRequest request = ValidUpdate();
  request.set_referral_id("R-2999-123456789");
  request.set_reason(Repeat("\xC3\xA5", 500));  // 500 x 'å'.
  *request.mutable_occurred_at() = ToProtoTime(kNow + absl::Minutes(5));
  EXPECT_TRUE(ValidateUpdateReferralStatus(request, kNow).ok());

  request.set_target(v1::REFERRAL_STATE_COMPLETED);
  request.set_reason("");
  request.set_nights_stayed(0);
  request.clear_occurred_at();
  EXPECT_TRUE(ValidateUpdateReferralStatus(request, kNow).ok());
  request.set_nights_stayed(3660);
  request.mutable_occurred_at()->set_seconds(-62135596800);  // 0001-01-01.
  EXPECT_TRUE(ValidateUpdateReferralStatus(request, kNow).ok());
  // Nights not known (Filemon's "left" may leave them out).
  request.clear_nights_stayed();
  EXPECT_TRUE(ValidateUpdateReferralStatus(request, kNow).ok());
}

TEST(ValidateUpdateReferralStatusTest, NamesTheTargetThatIsNotAllowed) {
  v1::UpdateReferralStatusRequest request = ValidUpdate();
  request.set_target(v1::REFERRAL_STATE_REQUESTED);
  EXPECT_THAT(
      std::string(ValidateUpdateReferralStatus(request, kNow).message()),
      HasSubstr("REFERRAL_STATE_REQUESTED"));
}

using UpdateCase = BrokenCase<v1::UpdateReferralStatusRequest>;
class UpdateBrokenTest : public testing::TestWithParam<UpdateCase> {};

TEST_P(UpdateBrokenTest, IsInvalidArgumentNamingTheField) {
  v1::UpdateReferralStatusRequest request = ValidUpdate();
  GetParam().corrupt(request);
  ExpectInvalid(ValidateUpdateReferralStatus(request, kNow), GetParam().field);
}

using U = v1::UpdateReferralStatusRequest;
INSTANTIATE_TEST_SUITE_P(
    Fields, UpdateBrokenTest,
    testing::ValuesIn(std::vector<UpdateCase>{
        {"KeyEmpty", "idempotency_key",
         [](U& r) { r.clear_idempotency_key(); }},
        {"KeyTab", "idempotency_key",
         [](U& r) { r.set_idempotency_key("a\tb"); }},
        {"IdEmpty", "referral_id", [](U& r) { r.clear_referral_id(); }},
        {"IdYear1999", "referral_id",
         [](U& r) { r.set_referral_id("R-1999-000123"); }},
        {"IdYear3000", "referral_id",
         [](U& r) { r.set_referral_id("R-3000-000123"); }},
        {"IdShortSerial", "referral_id",
         [](U& r) { r.set_referral_id("R-2026-12345"); }},
        {"IdLongSerial", "referral_id",
         [](U& r) { r.set_referral_id("R-2026-1234567890"); }},
        {"IdLower", "referral_id",
         [](U& r) { r.set_referral_id("r-2026-000123"); }},
        {"IdSeparator", "referral_id",
         [](U& r) { r.set_referral_id("R-2026_000123"); }},
        {"TargetUnspecified", "target",
         [](U& r) { r.set_target(v1::REFERRAL_STATE_UNSPECIFIED); }},
        {"TargetRequested", "target",
         [](U& r) { r.set_target(v1::REFERRAL_STATE_REQUESTED); }},
        {"TargetUnknown", "target",
         [](U& r) { r.set_target(static_cast<v1::ReferralState>(8)); }},
        {"ReasonMissingForRejected", "reason", [](U& r) { r.clear_reason(); }},
        {"ReasonBlankForRejected", "reason",
         [](U& r) { r.set_reason(" \t\n "); }},
        {"ReasonMissingForCancelled", "reason",
         [](U& r) {
           r.set_target(v1::REFERRAL_STATE_CANCELLED);
           r.clear_reason();
         }},
        {"ReasonTooLong", "reason",
         [](U& r) { r.set_reason(Repeat(kSecretReason, 15)); }},
        {"ReasonTooLongForAccepted", "reason",
         [](U& r) {
           r.set_target(v1::REFERRAL_STATE_ACCEPTED);
           r.set_reason("Kari" + Repeat("\xC3\xA5", 497));
         }},
        {"NightsTooMany", "nights_stayed",
         [](U& r) {
           r.set_target(v1::REFERRAL_STATE_COMPLETED);
           r.set_nights_stayed(3661);
         }},
        {"NightsForRejected", "nights_stayed",
         [](U& r) { r.set_nights_stayed(0); }},
        {"NightsForInProgress", "nights_stayed",
         [](U& r) {
           r.set_target(v1::REFERRAL_STATE_IN_PROGRESS);
           r.set_nights_stayed(3);
         }},
        {"OccurredInFuture", "occurred_at",
         [](U& r) {
           *r.mutable_occurred_at() =
               ToProtoTime(kNow + absl::Minutes(5) + absl::Nanoseconds(1000));
         }},
        {"OccurredBeforeYear1", "occurred_at.seconds",
         [](U& r) { r.mutable_occurred_at()->set_seconds(-62135596801); }},
        {"OccurredAfterYear9999", "occurred_at.seconds",
         [](U& r) { r.mutable_occurred_at()->set_seconds(253402300800); }},
        {"OccurredNegativeNanos", "occurred_at.nanos",
         [](U& r) { r.mutable_occurred_at()->set_nanos(-1); }},
        {"OccurredTooManyNanos", "occurred_at.nanos",
         [](U& r) { r.mutable_occurred_at()->set_nanos(1000000000); }},
    }),
    CaseName<v1::UpdateReferralStatusRequest>);

// --- GetReferral and ListReferrals ----------------------------------------

TEST(ValidateGetReferralTest, ChecksTheId) {
  v1::GetReferralRequest request;
  request.set_referral_id("R-2026-000123");
  EXPECT_TRUE(ValidateGetReferral(request).ok());
  request.clear_referral_id();
  ExpectInvalid(ValidateGetReferral(request), "referral_id");
  request.set_referral_id("R-2026-00012X");
  ExpectInvalid(ValidateGetReferral(request), "referral_id");
}

TEST(ValidateListReferralsTest, AcceptsDefaultsAndEdges) {
  v1::ListReferralsRequest request;
  EXPECT_TRUE(ValidateListReferrals(request).ok());
  request.set_page_size(500);
  request.set_page_token(std::string(256, 't'));
  request.set_role(v1::REFERRAL_ROLE_RECEIVED);
  request.set_state(v1::REFERRAL_STATE_CANCELLED);
  request.set_type(v1::REFERRAL_TYPE_ASSISTANCE);
  *request.mutable_updated_since() = ToProtoTime(kNow);
  EXPECT_TRUE(ValidateListReferrals(request).ok());
}

using ListCase = BrokenCase<v1::ListReferralsRequest>;
class ListBrokenTest : public testing::TestWithParam<ListCase> {};

TEST_P(ListBrokenTest, IsInvalidArgumentNamingTheField) {
  v1::ListReferralsRequest request;
  GetParam().corrupt(request);
  ExpectInvalid(ValidateListReferrals(request), GetParam().field);
}

using L = v1::ListReferralsRequest;
INSTANTIATE_TEST_SUITE_P(
    Fields, ListBrokenTest,
    testing::ValuesIn(std::vector<ListCase>{
        {"PageSizeNegative", "page_size", [](L& r) { r.set_page_size(-1); }},
        {"PageSizeTooBig", "page_size", [](L& r) { r.set_page_size(501); }},
        {"PageTokenTooLong", "page_token",
         [](L& r) { r.set_page_token(std::string(257, 't')); }},
        {"RoleUnknown", "role",
         [](L& r) { r.set_role(static_cast<v1::ReferralRole>(3)); }},
        {"StateUnknown", "state",
         [](L& r) { r.set_state(static_cast<v1::ReferralState>(-1)); }},
        {"TypeUnknown", "type",
         [](L& r) { r.set_type(static_cast<v1::ReferralType>(5)); }},
        {"UpdatedSinceSeconds", "updated_since.seconds",
         [](L& r) { r.mutable_updated_since()->set_seconds(253402300800); }},
        {"UpdatedSinceNanos", "updated_since.nanos",
         [](L& r) { r.mutable_updated_since()->set_nanos(-5); }},
    }),
    CaseName<v1::ListReferralsRequest>);

// --- CheckAdultsOnly ------------------------------------------------------

TEST(CheckAdultsOnlyTest, AcceptsAdults) {
  v1::PersonFacts facts;
  facts.set_age(18);
  EXPECT_TRUE(CheckAdultsOnly(facts).ok());
  facts.set_age(67);
  EXPECT_TRUE(CheckAdultsOnly(facts).ok());
}

TEST(CheckAdultsOnlyTest, RefusesMinorsAndPointsToChildWelfare) {
  v1::PersonFacts minor;
  minor.set_age(17);
  v1::PersonFacts possibly_minor;
  possibly_minor.set_age(34);
  possibly_minor.set_possibly_minor(true);
  v1::PersonFacts no_age;
  for (const v1::PersonFacts& facts : {minor, possibly_minor, no_age}) {
    const absl::Status status = CheckAdultsOnly(facts);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    const std::string message(status.message());
    EXPECT_THAT(message, HasSubstr("adults only"));
    EXPECT_THAT(message, HasSubstr("barnevernsvakt"));
    EXPECT_THAT(message, HasSubstr("Bufdir"));
    EXPECT_THAT(message, HasSubstr("minor victims of trafficking"));
    EXPECT_THAT(message, Not(HasSubstr("17")));
    EXPECT_THAT(message, Not(HasSubstr("34")));
  }
}

}  // namespace
}  // namespace rosa
