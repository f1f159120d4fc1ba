// Encoding hub events as outbound lauras-skjema forms.
#include <string>

#include "tests/plugins/lauras_skjema/lauras_skjema_fixture.h"

namespace rosa::plugin::lauras_skjema {
namespace {

// ---- Encode
// ------------------------------------------------------------------

pv1::EncodeRequest PlacementSubmitted() {
  pv1::EncodeRequest request;
  hv1::Event& event = *request.mutable_event();
  event.set_cursor(7);
  *event.mutable_recorded_at() = Utc(2026, 11, 28, 8, 31);
  hv1::ReferralEvent& re = *event.mutable_referral();
  re.set_kind(hv1::ReferralEvent::KIND_SUBMITTED);
  hv1::Referral& r = *re.mutable_referral();
  r.set_id("R-2026-000300");
  r.set_type(hv1::REFERRAL_TYPE_PLACEMENT);
  r.set_sender("rosa");
  r.set_recipient("lauras-hus");
  r.set_state(hv1::REFERRAL_STATE_REQUESTED);
  hv1::PersonFacts& f = *r.mutable_facts();
  f.set_gender(hv1::GENDER_WOMAN);
  f.set_age(29);
  f.set_nationality("RO");
  f.set_exploitation_form(hv1::EXPLOITATION_FORM_SEXUAL);
  f.set_accompanying_children(1);
  f.add_languages("ro");
  f.add_languages("en");
  f.add_needs(hv1::NEED_MEDICAL);
  f.add_needs(hv1::NEED_INTERPRETER);
  f.set_acute(true);
  re.mutable_transition()->set_to(hv1::REFERRAL_STATE_REQUESTED);
  re.mutable_transition()->set_actor("rosa");
  *re.mutable_transition()->mutable_occurred_at() = Utc(2026, 11, 28, 8, 30);
  request.mutable_recipient()->set_partner_id("lauras-hus");
  request.mutable_recipient()->set_kind(hv1::PARTNER_KIND_REINFORCED_HOUSING);
  request.mutable_contact()->set_organisation("ROSA");
  request.mutable_contact()->set_phone("+47 22 33 11 60");
  return request;
}

TEST(LaurasSkjemaEncodeTest, PlacementRequestGolden) {
  const pv1::EncodeResponse r =
      LaurasSkjemaPlugin().Encode(PlacementSubmitted());
  ASSERT_FALSE(r.has_error()) << r.error().reason();
  ASSERT_EQ(r.payloads_size(), 1);
  EXPECT_EQ(r.payloads(0).content_type(), kType);
  EXPECT_EQ(r.payloads(0).name(), "R-2026-000300-placement-request");
  EXPECT_EQ(r.payloads(0).payload(),
            "Skjema: ROSA plassforespørsel 1\n"
            "Referanse: R-2026-000300\n"
            "Tidspunkt: 28.11.2026 09:30\n"
            "Akutt: ja\n"
            "Kjønn: kvinne\n"
            "Alder: 29\n"
            "Nasjonalitet: RO\n"
            "Barn: 1\n"
            "Språk: ro, en\n"
            "Behov: medisinsk oppfølging, tolk\n"
            "Kontakt: ROSA, +47 22 33 11 60\n");
}

TEST(LaurasSkjemaEncodeTest, PlacementRequestRoundTrip) {
  pv1::EncodeRequest request = PlacementSubmitted();
  hv1::PersonFacts& f = *request.mutable_event()
                             ->mutable_referral()
                             ->mutable_referral()
                             ->mutable_facts();
  f.clear_nationality();
  f.clear_needs();
  f.set_acute(false);
  f.set_gender(hv1::GENDER_TRANS);
  // A value with line breaks must not become keys or a second form.
  request.mutable_contact()->set_organisation(
      "ROSA\nStatus: avslått\r\n---\nSkjema: Lauras hus kapasitet 1\u2028x");
  const pv1::EncodeResponse r = LaurasSkjemaPlugin().Encode(request);
  ASSERT_EQ(r.payloads_size(), 1);

  const FormReadResult read = ReadForms(r.payloads(0).payload());
  ASSERT_TRUE(read.errors.empty());
  ASSERT_EQ(read.forms.size(), 1u);
  std::map<std::string, std::string> values;
  for (const FormField& field : read.forms[0].fields) {
    values[field.key] = field.value;
  }
  EXPECT_EQ(values.size(), 11u);
  EXPECT_EQ(values["skjema"], "ROSA plassforespørsel 1");
  EXPECT_EQ(values["referanse"], "R-2026-000300");
  EXPECT_EQ(values["tidspunkt"], "28.11.2026 09:30");
  EXPECT_EQ(values["akutt"], "nei");
  EXPECT_EQ(values["kjønn"], "transperson");
  EXPECT_EQ(values["alder"], "29");
  EXPECT_EQ(values["nasjonalitet"], "ukjent");
  EXPECT_EQ(values["barn"], "1");
  EXPECT_EQ(values["språk"], "ro, en");
  EXPECT_EQ(values["behov"], "ingen");
  EXPECT_EQ(values["kontakt"].rfind("ROSA Status: avslått", 0), 0u);
  EXPECT_EQ(values.count("status"), 0u);
}

TEST(LaurasSkjemaEncodeTest, CancellationBySender) {
  pv1::EncodeRequest request = PlacementSubmitted();
  hv1::ReferralEvent& re = *request.mutable_event()->mutable_referral();
  re.set_kind(hv1::ReferralEvent::KIND_STATUS_CHANGED);
  re.mutable_referral()->set_state(hv1::REFERRAL_STATE_CANCELLED);
  hv1::Transition& t = *re.mutable_transition();
  t.set_from(hv1::REFERRAL_STATE_RECEIVED);
  t.set_to(hv1::REFERRAL_STATE_CANCELLED);
  t.set_actor("rosa");
  t.set_reason("Fikk plass\r\nnærmere");
  *t.mutable_occurred_at() = Utc(2026, 7, 1, 10, 0);
  const pv1::EncodeResponse r = LaurasSkjemaPlugin().Encode(request);
  ASSERT_FALSE(r.has_error());
  ASSERT_EQ(r.payloads_size(), 1);
  EXPECT_EQ(r.payloads(0).name(), "R-2026-000300-cancelled");
  EXPECT_EQ(r.payloads(0).payload(),
            "Skjema: ROSA avbrutt 1\n"
            "Referanse: R-2026-000300\n"
            "Tidspunkt: 01.07.2026 12:00\n"
            "Merknad: Fikk plass  nærmere\n");

  // Who may cancel is the core's rule (only the sender does), not the
  // encoder's: every cancellation the hub sends is told to Lauras hus.
  t.set_actor("another-sender");
  EXPECT_EQ(LaurasSkjemaPlugin().Encode(request).payloads_size(), 1);
}

TEST(LaurasSkjemaEncodeTest, OtherEventsRenderNothing) {
  const LaurasSkjemaPlugin plugin;
  pv1::EncodeRequest accepted = PlacementSubmitted();
  hv1::ReferralEvent& re = *accepted.mutable_event()->mutable_referral();
  re.set_kind(hv1::ReferralEvent::KIND_STATUS_CHANGED);
  re.mutable_transition()->set_to(hv1::REFERRAL_STATE_ACCEPTED);
  re.mutable_transition()->set_actor("lauras-hus");
  EXPECT_EQ(plugin.Encode(accepted).payloads_size(), 0);

  pv1::EncodeRequest not_placement = PlacementSubmitted();
  not_placement.mutable_event()
      ->mutable_referral()
      ->mutable_referral()
      ->set_type(hv1::REFERRAL_TYPE_ASSISTANCE);
  EXPECT_EQ(plugin.Encode(not_placement).payloads_size(), 0);

  pv1::EncodeRequest withdrawn;
  withdrawn.mutable_event()->mutable_consent_withdrawn()->set_person_id("P-1");
  const pv1::EncodeResponse r = plugin.Encode(withdrawn);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_FALSE(r.has_error());
  EXPECT_EQ(plugin.Encode(pv1::EncodeRequest()).payloads_size(), 0);
}

TEST(LaurasSkjemaEncodeTest, BadValuesAreErrorsNotPayloads) {
  pv1::EncodeRequest request = PlacementSubmitted();
  request.mutable_contact()->set_phone("\xC3\x28");
  pv1::EncodeResponse r = LaurasSkjemaPlugin().Encode(request);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_EQ(r.error().record(), "R-2026-000300");
  EXPECT_EQ(r.error().field(), "Kontakt");

  request = PlacementSubmitted();
  request.mutable_event()->mutable_referral()->mutable_referral()->set_id(
      "../../etc");
  r = LaurasSkjemaPlugin().Encode(request);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_EQ(r.error().record(), "event 7");
  EXPECT_EQ(r.error().field(), "Referanse");
}

}  // namespace
}  // namespace rosa::plugin::lauras_skjema
