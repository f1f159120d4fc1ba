// Encoding for Filemon: placement requests, checked by parsing them back.
#include <string>

#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/filemon/filemon_codec.h"
#include "plugins/json_support/strict_json.h"

namespace rosa::plugin::filemon {
namespace {

namespace v1 = rosa::hub::v1;
using rosa::plugin::v1::EncodeRequest;
using rosa::plugin::v1::EncodeResponse;

absl::Time At(const char* rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error));
  return t;
}

// A placement referral to Filemon, just submitted.
EncodeRequest Submitted() {
  EncodeRequest request;
  request.mutable_event()->set_cursor(17);
  v1::ReferralEvent& event = *request.mutable_event()->mutable_referral();
  event.set_kind(v1::ReferralEvent::KIND_SUBMITTED);
  v1::Referral& referral = *event.mutable_referral();
  referral.set_id("R-2026-000200");
  referral.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  referral.set_sender("rosa");
  referral.set_recipient("filemon");
  referral.set_state(v1::REFERRAL_STATE_REQUESTED);
  referral.set_person_ref("P-7KQ2M9XA01");
  v1::PersonFacts& facts = *referral.mutable_facts();
  facts.set_gender(v1::GENDER_MAN);
  facts.set_age(34);
  facts.set_nationality("PL");
  facts.set_exploitation_form(v1::EXPLOITATION_FORM_FORCED_LABOUR);
  facts.set_accompanying_children(0);
  facts.add_languages("pl");
  facts.add_languages("en");
  facts.add_needs(v1::NEED_MEDICAL);
  facts.set_acute(true);
  v1::Transition& transition = *event.mutable_transition();
  transition.set_to(v1::REFERRAL_STATE_REQUESTED);
  *transition.mutable_occurred_at() = ToProtoTime(At("2026-11-28T08:15:00Z"));
  request.mutable_contact()->set_organisation("ROSA");
  request.mutable_contact()->set_phone("+47 22 33 11 60");
  return request;
}

nlohmann::json ParseBack(const EncodeResponse& response) {
  EXPECT_FALSE(response.has_error()) << response.DebugString();
  EXPECT_EQ(response.payloads_size(), 1);
  if (response.payloads_size() != 1) return nullptr;
  const auto& payload = response.payloads(0);
  EXPECT_EQ(payload.content_type(), "application/vnd.filemon.v1+json");
  EXPECT_EQ(payload.name(), "R-2026-000200-placement-request");
  // The strict parser: no duplicate keys, valid UTF-8, sane nesting.
  json::StrictParseResult parsed = json::StrictParse(payload.payload(), {});
  EXPECT_TRUE(parsed.ok()) << parsed.error.reason();
  return parsed.document;
}

TEST(FilemonEncodeTest, PlacementRequestRoundTrip) {
  const nlohmann::json out = ParseBack(FilemonPlugin().Encode(Submitted()));
  ASSERT_TRUE(out.is_object());
  EXPECT_EQ(out.size(), 9u);
  EXPECT_EQ(out["schema"], "filemon/1");
  EXPECT_EQ(out["kind"], "placement_request");
  EXPECT_EQ(out["referral"], "R-2026-000200");
  // Oslo's offset, as the format's examples write times.
  EXPECT_EQ(out["at"], "2026-11-28T09:15:00+01:00");
  EXPECT_EQ(out["acute"], true);
  const nlohmann::json& person = out["person"];
  EXPECT_EQ(person.size(), 6u);
  EXPECT_EQ(person["ref"], "P-7KQ2M9XA01");
  EXPECT_EQ(person["gender"], "male");
  EXPECT_EQ(person["age"], 34);
  EXPECT_EQ(person["nationality"], "PL");
  EXPECT_EQ(person["languages"], nlohmann::json({"pl", "en"}));
  EXPECT_EQ(person["accompanied_by"],
            nlohmann::json({{"partner", false}, {"children", 0}}));
  EXPECT_EQ(out["exploitation"], "forced_labour");
  EXPECT_EQ(out["needs"], nlohmann::json({"medical"}));
  EXPECT_EQ(out["contact"],
            nlohmann::json({{"org", "ROSA"}, {"phone", "+47 22 33 11 60"}}));
}

TEST(FilemonEncodeTest, KeysComeInTheReadmeOrder) {
  const EncodeResponse response = FilemonPlugin().Encode(Submitted());
  ASSERT_EQ(response.payloads_size(), 1);
  EXPECT_EQ(
      response.payloads(0).payload(),
      R"({"schema":"filemon/1","kind":"placement_request","referral":"R-2026-000200",)"
      R"("at":"2026-11-28T09:15:00+01:00","acute":true,"person":{"ref":"P-7KQ2M9XA01",)"
      R"("gender":"male","age":34,"nationality":"PL","languages":["pl","en"],)"
      R"("accompanied_by":{"partner":false,"children":0}},"exploitation":"forced_labour",)"
      R"("needs":["medical"],"contact":{"org":"ROSA","phone":"+47 22 33 11 60"}})");
}

TEST(FilemonEncodeTest, EveryEnumValue) {
  const std::pair<v1::Gender, const char*> genders[] = {
      {v1::GENDER_MAN, "male"},
      {v1::GENDER_WOMAN, "female"},
      {v1::GENDER_TRANS, "transgender"},
      {v1::GENDER_UNKNOWN, "unknown"}};
  for (const auto& [gender, word] : genders) {
    EncodeRequest request = Submitted();
    request.mutable_event()
        ->mutable_referral()
        ->mutable_referral()
        ->mutable_facts()
        ->set_gender(gender);
    EXPECT_EQ(ParseBack(FilemonPlugin().Encode(request))["person"]["gender"],
              word);
  }
  const std::pair<v1::ExploitationForm, const char*> forms[] = {
      {v1::EXPLOITATION_FORM_SEXUAL, "sexual_exploitation"},
      {v1::EXPLOITATION_FORM_FORCED_LABOUR, "forced_labour"},
      {v1::EXPLOITATION_FORM_MIXED, "mixed"},
      {v1::EXPLOITATION_FORM_OTHER_OR_UNKNOWN, "other_or_unknown"}};
  for (const auto& [form, word] : forms) {
    EncodeRequest request = Submitted();
    request.mutable_event()
        ->mutable_referral()
        ->mutable_referral()
        ->mutable_facts()
        ->set_exploitation_form(form);
    EXPECT_EQ(ParseBack(FilemonPlugin().Encode(request))["exploitation"], word);
  }
  EncodeRequest request = Submitted();
  v1::PersonFacts& facts = *request.mutable_event()
                                ->mutable_referral()
                                ->mutable_referral()
                                ->mutable_facts();
  facts.clear_needs();
  for (int need = v1::NEED_MEDICAL; need <= v1::NEED_PREGNANCY_CARE; ++need) {
    facts.add_needs(static_cast<v1::Need>(need));
  }
  facts.set_accompanying_children(2);
  facts.set_acute(false);
  facts.clear_nationality();
  facts.clear_languages();
  const nlohmann::json out = ParseBack(FilemonPlugin().Encode(request));
  EXPECT_EQ(out["needs"],
            nlohmann::json({"medical", "mental_health", "interpreter",
                            "wheelchair_access", "high_security",
                            "substance_abuse_support", "pregnancy_care"}));
  EXPECT_EQ(out["person"]["accompanied_by"]["children"], 2);
  EXPECT_EQ(out["acute"], false);
  EXPECT_FALSE(out["person"].contains("nationality"));  // Unknown: omitted.
  EXPECT_EQ(out["person"]["languages"], nlohmann::json::array());
}

TEST(FilemonEncodeTest, SummerTimeOffset) {
  EncodeRequest request = Submitted();
  *request.mutable_event()
       ->mutable_referral()
       ->mutable_transition()
       ->mutable_occurred_at() = ToProtoTime(At("2026-07-01T10:00:00Z"));
  EXPECT_EQ(ParseBack(FilemonPlugin().Encode(request))["at"],
            "2026-07-01T12:00:00+02:00");
}

TEST(FilemonEncodeTest, OtherEventsMeanNothingToFilemon) {
  EncodeRequest changed = Submitted();
  changed.mutable_event()->mutable_referral()->set_kind(
      v1::ReferralEvent::KIND_STATUS_CHANGED);
  EncodeRequest legal = Submitted();
  legal.mutable_event()->mutable_referral()->mutable_referral()->set_type(
      v1::REFERRAL_TYPE_LEGAL_COUNSEL);
  EncodeRequest handoff;
  handoff.mutable_event()->mutable_handoff()->mutable_handoff()->set_id(
      "H-2026-000010");
  EncodeRequest consent;
  consent.mutable_event()->mutable_consent_withdrawn()->set_person_id("p");
  for (const EncodeRequest& request :
       {changed, legal, handoff, consent, EncodeRequest()}) {
    const EncodeResponse response = FilemonPlugin().Encode(request);
    EXPECT_EQ(response.payloads_size(), 0);
    EXPECT_FALSE(response.has_error());
  }
}

TEST(FilemonEncodeTest, RefusesToRenderWithoutRequiredValues) {
  struct Case {
    const char* field;
    void (*clear)(v1::ReferralEvent&);
  };
  const Case cases[] = {
      {"referral.id",
       [](v1::ReferralEvent& e) { e.mutable_referral()->clear_id(); }},
      {"transition.occurred_at",
       [](v1::ReferralEvent& e) { e.clear_transition(); }},
      {"referral.facts.gender",
       [](v1::ReferralEvent& e) {
         e.mutable_referral()->mutable_facts()->clear_gender();
       }},
      {"referral.facts.age",
       [](v1::ReferralEvent& e) {
         e.mutable_referral()->mutable_facts()->clear_age();
       }},
      {"referral.facts.exploitation_form",
       [](v1::ReferralEvent& e) {
         e.mutable_referral()->mutable_facts()->clear_exploitation_form();
       }},
      {"referral.facts.needs",
       [](v1::ReferralEvent& e) {
         e.mutable_referral()->mutable_facts()->add_needs(v1::NEED_UNSPECIFIED);
       }},
  };
  for (const Case& c : cases) {
    EncodeRequest request = Submitted();
    c.clear(*request.mutable_event()->mutable_referral());
    const EncodeResponse response = FilemonPlugin().Encode(request);
    EXPECT_EQ(response.payloads_size(), 0) << c.field;
    ASSERT_TRUE(response.has_error()) << c.field;
    EXPECT_EQ(response.error().record(), "event 17");
    EXPECT_EQ(response.error().field(), c.field);
  }
}

TEST(FilemonEncodeTest, RendersOnlyWhatTheEventCarries) {
  EncodeRequest request = Submitted();
  request.mutable_event()
      ->mutable_referral()
      ->mutable_referral()
      ->clear_person_ref();
  request.mutable_event()->mutable_referral()->mutable_referral()->set_note(
      "must not appear");
  const EncodeResponse response = FilemonPlugin().Encode(request);
  ASSERT_EQ(response.payloads_size(), 1);
  EXPECT_THAT(response.payloads(0).payload(),
              ::testing::Not(::testing::HasSubstr("must not appear")));
  EXPECT_FALSE(ParseBack(response)["person"].contains("ref"));
}

TEST(FilemonEncodeTest, TextIsEscapedAndStaysValid) {
  EncodeRequest request = Submitted();
  request.mutable_contact()->set_organisation("ROSA \"Oslo\"\n\\ <&>");
  request.mutable_contact()->set_phone(std::string("bad \xFF byte"));
  const EncodeResponse response = FilemonPlugin().Encode(request);
  const nlohmann::json out = ParseBack(response);
  EXPECT_EQ(out["contact"]["org"], "ROSA \"Oslo\"\n\\ <&>");
  EXPECT_EQ(out["contact"]["phone"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace rosa::plugin::filemon
