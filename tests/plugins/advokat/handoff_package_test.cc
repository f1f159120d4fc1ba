// Encoding a new handoff: the JSON package parsed back, the printable page,
// and what is left out when the event does not carry it.
#include "plugins/advokat/handoff_package.h"

#include <string>

#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/advokat/advokat_codec.h"
#include "plugins/json_support/strict_json.h"

namespace rosa::plugin::advokat {
namespace {

namespace v1 = rosa::hub::v1;
using rosa::plugin::v1::EncodeRequest;
using rosa::plugin::v1::EncodeResponse;
using ::testing::HasSubstr;
using ::testing::Not;

absl::Time At(const char* rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error));
  return t;
}

// A handoff just created, with identity attached under consent.
EncodeRequest NewHandoff() {
  EncodeRequest request;
  request.mutable_event()->set_cursor(42);
  v1::Handoff& h =
      *request.mutable_event()->mutable_handoff()->mutable_handoff();
  h.set_id("H-2026-000010");
  h.set_lawyer("advokat-hansen");
  h.set_sender("rosa");
  h.set_person_id("P-7KQ2M9XA01");
  v1::PersonIdentity& identity = *h.mutable_identity();
  identity.set_given_name("Ana");
  identity.set_family_name("Popescu");
  identity.set_birth_date("1994-03-07");
  identity.set_duf_number("202412345678");
  identity.set_phone("+4790000000");
  identity.set_contact_address("Postboks 1, 0101 Oslo");
  h.set_case_summary("Recruited through an agency.\nWorked 14-hour days.");
  h.set_residence_status(v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
  h.set_exploitation_form(v1::EXPLOITATION_FORM_FORCED_LABOUR);
  h.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
  h.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
  h.add_purposes(v1::COUNSELLING_PURPOSE_POLICE_REPORT);
  h.set_granted_quarter_hours(12);
  h.set_state(v1::HANDOFF_STATE_OFFERED);
  *h.mutable_created_at() = ToProtoTime(At("2026-11-27T09:00:00Z"));
  *h.mutable_updated_at() = ToProtoTime(At("2026-11-27T09:00:00Z"));
  request.mutable_contact()->set_organisation("ROSA");
  request.mutable_contact()->set_phone("+47 22 33 11 60");
  return request;
}

v1::Handoff& HandoffOf(EncodeRequest& request) {
  return *request.mutable_event()->mutable_handoff()->mutable_handoff();
}

const rosa::plugin::v1::EncodedPayload* Find(const EncodeResponse& response,
                                             std::string_view content_type) {
  for (const auto& payload : response.payloads()) {
    if (payload.content_type() == content_type) return &payload;
  }
  return nullptr;
}

nlohmann::json PackageOf(const EncodeResponse& response) {
  EXPECT_FALSE(response.has_error()) << response.DebugString();
  const auto* payload = Find(response, kPackageContentType);
  EXPECT_NE(payload, nullptr);
  if (payload == nullptr) return nullptr;
  EXPECT_EQ(payload->name(), "H-2026-000010-handoff");
  json::StrictParseResult parsed = json::StrictParse(payload->payload(), {});
  EXPECT_TRUE(parsed.ok()) << parsed.error.reason();
  return parsed.document;
}

std::string PageOf(const EncodeResponse& response) {
  const auto* payload = Find(response, kPageContentType);
  EXPECT_NE(payload, nullptr);
  if (payload == nullptr) return "";
  EXPECT_EQ(payload->name(), "H-2026-000010-handoff-print");
  return payload->payload();
}

TEST(HandoffPackageTest, NewHandoffGivesPackageAndPage) {
  const EncodeResponse response = AdvokatPlugin().Encode(NewHandoff());
  ASSERT_FALSE(response.has_error());
  ASSERT_EQ(response.payloads_size(), 2);
  EXPECT_EQ(response.payloads(0).content_type(),
            "application/vnd.rosa.handoff.v1+json");
  EXPECT_EQ(response.payloads(1).content_type(), "text/html");
}

TEST(HandoffPackageTest, JsonRoundTrip) {
  const nlohmann::json p = PackageOf(AdvokatPlugin().Encode(NewHandoff()));
  ASSERT_TRUE(p.is_object());
  EXPECT_EQ(p.size(), 10u);
  EXPECT_EQ(p["schema"], "rosa-handoff/1");
  EXPECT_EQ(p["handoff"], "H-2026-000010");
  EXPECT_EQ(p["created_at"], "2026-11-27T10:00:00+01:00");
  EXPECT_EQ(p["identity"],
            nlohmann::json({{"given_name", "Ana"},
                            {"family_name", "Popescu"},
                            {"birth_date", "1994-03-07"},
                            {"duf_number", "202412345678"},
                            {"phone", "+4790000000"},
                            {"contact_address", "Postboks 1, 0101 Oslo"}}));
  EXPECT_EQ(p["case_summary"],
            "Recruited through an agency.\nWorked 14-hour days.");
  EXPECT_EQ(p["residence_status"], "reflection_period_applied");
  EXPECT_EQ(p["exploitation_form"], "forced_labour");
  EXPECT_EQ(
      p["purposes"],
      nlohmann::json({"identification", "residence_grounds", "police_report"}));
  EXPECT_TRUE(p["granted_hours"].is_number_integer());
  EXPECT_EQ(p["granted_hours"], 3);
  EXPECT_EQ(p["contact"], nlohmann::json({{"organisation", "ROSA"},
                                          {"phone", "+47 22 33 11 60"}}));
  // Nothing the lawyer has no use for: no person id, sender, lawyer or state.
  const std::string text =
      AdvokatPlugin().Encode(NewHandoff()).payloads(0).payload();
  EXPECT_THAT(text, Not(HasSubstr("P-7KQ2M9XA01")));
  EXPECT_THAT(text, Not(HasSubstr("advokat-hansen")));
}

TEST(HandoffPackageTest, QuarterHoursAreExactNumbers) {
  for (const auto& [quarters, hours] : std::vector<std::pair<uint32_t, double>>{
           {1, 0.25}, {6, 1.5}, {11, 2.75}, {13, 3.25}, {92, 23}}) {
    EncodeRequest request = NewHandoff();
    HandoffOf(request).set_granted_quarter_hours(quarters);
    const nlohmann::json p = PackageOf(AdvokatPlugin().Encode(request));
    EXPECT_EQ(p["granted_hours"].get<double>(), hours);
    EXPECT_THAT(PageOf(AdvokatPlugin().Encode(request)),
                HasSubstr(quarters == 6 ? "1,5 timer" : "timer"));
  }
}

TEST(HandoffPackageTest, NoIdentityWhenTheCoreAttachedNone) {
  EncodeRequest request = NewHandoff();
  HandoffOf(request).clear_identity();
  const EncodeResponse response = AdvokatPlugin().Encode(request);
  const nlohmann::json p = PackageOf(response);
  EXPECT_FALSE(p.contains("identity"));
  EXPECT_EQ(p.size(), 9u);
  const std::string page = PageOf(response);
  EXPECT_THAT(page, Not(HasSubstr("Personen")));
  EXPECT_THAT(page, Not(HasSubstr("Fornavn")));
  EXPECT_THAT(page, Not(HasSubstr("Ana")));
  EXPECT_THAT(page, Not(HasSubstr("DUF")));
  for (const auto& payload : response.payloads()) {
    EXPECT_THAT(payload.payload(), Not(HasSubstr("Popescu")));
    EXPECT_THAT(payload.payload(), Not(HasSubstr("202412345678")));
  }
}

TEST(HandoffPackageTest, OnlyTheIdentityFieldsThatAreSet) {
  EncodeRequest request = NewHandoff();
  v1::PersonIdentity& identity = *HandoffOf(request).mutable_identity();
  identity.clear_duf_number();
  identity.clear_contact_address();
  identity.clear_birth_date();
  const EncodeResponse response = AdvokatPlugin().Encode(request);
  EXPECT_EQ(PackageOf(response)["identity"],
            nlohmann::json({{"given_name", "Ana"},
                            {"family_name", "Popescu"},
                            {"phone", "+4790000000"}}));
  EXPECT_THAT(PageOf(response), Not(HasSubstr("DUF-nummer")));
}

TEST(HandoffPackageTest, LeavesOutWhatTheEventDoesNotCarry) {
  EncodeRequest request = NewHandoff();
  v1::Handoff& h = HandoffOf(request);
  h.clear_case_summary();
  h.clear_residence_status();
  h.clear_exploitation_form();
  h.clear_purposes();
  h.clear_created_at();
  request.clear_contact();
  const nlohmann::json p = PackageOf(AdvokatPlugin().Encode(request));
  EXPECT_FALSE(p.contains("case_summary"));
  EXPECT_FALSE(p.contains("residence_status"));
  EXPECT_FALSE(p.contains("exploitation_form"));
  EXPECT_FALSE(p.contains("created_at"));
  EXPECT_FALSE(p.contains("contact"));
  EXPECT_EQ(p["purposes"], nlohmann::json::array());
}

TEST(HandoffPackageTest, PageHasItsSafeguards) {
  const std::string page = PageOf(AdvokatPlugin().Encode(NewHandoff()));
  EXPECT_THAT(page, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(page, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(page, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" "
                              "content=\"default-src 'none'; style-src "
                              "'unsafe-inline'\">"));
  EXPECT_THAT(page, HasSubstr("@media print"));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("src=")));
  EXPECT_THAT(page, Not(HasSubstr("href=")));
  // The same content as the JSON, in the page's words.
  EXPECT_THAT(page, HasSubstr("<title>Overlevering H-2026-000010</title>"));
  EXPECT_THAT(
      page, HasSubstr("<tr><th>Opprettet</th><td>27.11.2026 10:00</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>Fornavn</th><td>Ana</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>Etternavn</th><td>Popescu</td></tr>"));
  EXPECT_THAT(page,
              HasSubstr("<tr><th>Fødselsdato</th><td>1994-03-07</td></tr>"));
  EXPECT_THAT(page,
              HasSubstr("<tr><th>DUF-nummer</th><td>202412345678</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>Telefon</th><td>+4790000000</td></tr>"));
  EXPECT_THAT(page, HasSubstr("Postboks 1, 0101 Oslo"));
  EXPECT_THAT(page, HasSubstr("Har søkt om refleksjonsperiode"));
  EXPECT_THAT(page, HasSubstr("Tvangsarbeid eller tvangstjenester"));
  EXPECT_THAT(page, HasSubstr("<li>Identifisering som mulig offer</li>"));
  EXPECT_THAT(page, HasSubstr("<li>Grunnlag for opphold</li>"));
  EXPECT_THAT(page, HasSubstr("<li>Om forholdet bør anmeldes</li>"));
  EXPECT_THAT(page, HasSubstr("<td>3 timer</td>"));
  EXPECT_THAT(page,
              HasSubstr("Recruited through an agency.\nWorked 14-hour days."));
  EXPECT_THAT(page, HasSubstr("<tr><th>Organisasjon</th><td>ROSA</td></tr>"));
  EXPECT_THAT(page, HasSubstr("+47 22 33 11 60"));
}

TEST(HandoffPackageTest, EveryValueOnThePageIsEscaped) {
  EncodeRequest request = NewHandoff();
  v1::Handoff& h = HandoffOf(request);
  h.set_case_summary("<script>alert(document.cookie)</script>");
  h.mutable_identity()->set_given_name(R"(x" onmouseover="alert(1))");
  h.mutable_identity()->set_family_name("O'Brien & <b>Sons</b>");
  h.mutable_identity()->set_contact_address("'><img src=x onerror=alert(1)>");
  request.mutable_contact()->set_organisation("</title><script>x</script>");
  const EncodeResponse response = AdvokatPlugin().Encode(request);
  const std::string page = PageOf(response);
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<img")));
  EXPECT_THAT(page, Not(HasSubstr("<b>")));
  EXPECT_THAT(page, Not(HasSubstr("\" onmouseover")));
  EXPECT_THAT(page,
              HasSubstr("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"));
  EXPECT_THAT(page, HasSubstr("x&quot; onmouseover=&quot;alert(1)"));
  EXPECT_THAT(page, HasSubstr("O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;"));
  EXPECT_THAT(page, HasSubstr("&#39;&gt;&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(page, HasSubstr("&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"));
  // The JSON carries the values as they are, safely quoted.
  const nlohmann::json p = PackageOf(response);
  EXPECT_EQ(p["case_summary"], "<script>alert(document.cookie)</script>");
  EXPECT_EQ(p["identity"]["given_name"], R"(x" onmouseover="alert(1))");
}

TEST(HandoffPackageTest, OtherEventsGiveNothing) {
  EncodeRequest accepted = NewHandoff();
  v1::HandoffLedgerEntry& entry = *HandoffOf(accepted).add_ledger();
  entry.mutable_event()->mutable_accepted();
  entry.set_actor("advokat-hansen");
  HandoffOf(accepted).set_state(v1::HANDOFF_STATE_ACCEPTED);
  EncodeRequest hours = accepted;
  HandoffOf(hours)
      .add_ledger()
      ->mutable_event()
      ->mutable_hours_used()
      ->set_quarter_hours(4);
  EncodeRequest closed = NewHandoff();
  HandoffOf(closed).set_state(v1::HANDOFF_STATE_CLOSED);
  EncodeRequest referral;
  referral.mutable_event()->mutable_referral()->set_kind(
      v1::ReferralEvent::KIND_SUBMITTED);
  EncodeRequest consent;
  consent.mutable_event()->mutable_consent_withdrawn()->add_object_ids(
      "H-2026-000010");
  for (const EncodeRequest& request :
       {accepted, hours, closed, referral, consent, EncodeRequest()}) {
    const EncodeResponse response = AdvokatPlugin().Encode(request);
    EXPECT_EQ(response.payloads_size(), 0);
    EXPECT_FALSE(response.has_error());
  }
}

TEST(HandoffPackageTest, RefusesWhatItCannotRender) {
  EncodeRequest no_id = NewHandoff();
  HandoffOf(no_id).clear_id();
  EncodeRequest odd_id = NewHandoff();
  HandoffOf(odd_id).set_id("../../etc/passwd");
  EncodeRequest bad_status = NewHandoff();
  HandoffOf(bad_status)
      .set_residence_status(static_cast<v1::ResidenceStatus>(99));
  EncodeRequest bad_purpose = NewHandoff();
  HandoffOf(bad_purpose).add_purposes(v1::COUNSELLING_PURPOSE_UNSPECIFIED);
  const std::pair<EncodeRequest, const char*> cases[] = {
      {no_id, "handoff.id"},
      {odd_id, "handoff.id"},
      {bad_status, "handoff.residence_status"},
      {bad_purpose, "handoff.purposes"}};
  for (const auto& [request, field] : cases) {
    const EncodeResponse response = AdvokatPlugin().Encode(request);
    EXPECT_EQ(response.payloads_size(), 0) << field;
    ASSERT_TRUE(response.has_error()) << field;
    EXPECT_EQ(response.error().record(), "event 42");
    EXPECT_EQ(response.error().field(), field);
    EXPECT_THAT(response.error().reason(), Not(HasSubstr("passwd")));
  }
}

}  // namespace
}  // namespace rosa::plugin::advokat
