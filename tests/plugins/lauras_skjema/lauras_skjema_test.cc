// The lauras-skjema plugin against the shared samples, the edge cases of the
// form syntax, and its outbound forms.
#include "plugins/lauras_skjema/lauras_skjema.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "hub/common/time_util.h"
#include "plugins/lauras_skjema/form_reader.h"

namespace rosa::plugin::lauras_skjema {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

constexpr char kType[] = "text/plain; profile=lauras-skjema-1";

std::string Sample(const std::string& name) {
  std::ifstream in(std::string(ROSA_SAMPLES_DIR) + "/lauras-skjema/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

pv1::DecodeResponse Decode(const std::string& payload,
                           const std::string& type = kType) {
  pv1::DecodeRequest request;
  request.set_content_type(type);
  request.set_payload(payload);
  request.mutable_sender()->set_partner_id("lauras-hus");
  request.mutable_sender()->set_kind(hv1::PARTNER_KIND_REINFORCED_HOUSING);
  return LaurasSkjemaPlugin().Decode(request);
}

google::protobuf::Timestamp Utc(int y, int mo, int d, int h, int mi) {
  return ToProtoTime(
      absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone()));
}

std::string Errors(const pv1::DecodeResponse& r) {
  std::string out;
  for (const auto& e : r.errors()) {
    out += e.record() + " | " + e.field() + " | " + e.reason() + "\n";
  }
  return out;
}

// Expects exactly one error, at `record` and `field`, and no commands.
void ExpectRejected(const pv1::DecodeResponse& r, const std::string& record,
                    const std::string& field) {
  EXPECT_EQ(r.commands_size(), 0);
  ASSERT_EQ(r.errors_size(), 1) << Errors(r);
  EXPECT_EQ(r.errors(0).record(), record) << Errors(r);
  EXPECT_EQ(r.errors(0).field(), field) << Errors(r);
  EXPECT_FALSE(r.errors(0).reason().empty());
}

// A status form with the given extra lines.
std::string StatusForm(const std::string& status, const std::string& more = "",
                       const std::string& when = "28.11.2026 10:00") {
  return "Skjema: Lauras hus statusmelding 1\n"
         "Referanse: R-2026-000300\n"
         "Status: " +
         status + "\nTidspunkt: " + when + "\n" + more;
}

std::string CapacityForm(const std::string& total, const std::string& free,
                         const std::string& more = "") {
  return "Skjema: Lauras hus kapasitet 1\n"
         "Tidspunkt: 28.11.2026 10:05\n"
         "Plasser totalt: " +
         total + "\nLedige plasser: " + free + "\n" + more;
}

TEST(LaurasSkjemaTest, Manifest) {
  const pv1::PluginManifest m = LaurasSkjemaPlugin().Manifest();
  EXPECT_EQ(m.name(), "lauras-skjema");
  EXPECT_EQ(m.version(), "1.0.0");
  ASSERT_EQ(m.decodes_size(), 1);
  EXPECT_EQ(m.decodes(0), kType);
  ASSERT_EQ(m.encodes_size(), 1);
  EXPECT_EQ(m.encodes(0), kType);
  ASSERT_EQ(m.serves_size(), 1);
  EXPECT_EQ(m.serves(0), hv1::PARTNER_KIND_REINFORCED_HOUSING);
}

// ---- The shared samples ----------------------------------------------------

TEST(LaurasSkjemaTest, GoodStatus) {
  const pv1::DecodeResponse r = Decode(Sample("good-status.txt"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.warnings_size(), 0);
  ASSERT_EQ(r.commands_size(), 1);
  EXPECT_EQ(r.commands(0).record(), "form 1");
  ASSERT_TRUE(r.commands(0).has_update_referral_status());
  const auto& c = r.commands(0).update_referral_status();
  EXPECT_EQ(c.idempotency_key(), "");
  EXPECT_EQ(c.referral_id(), "R-2026-000300");
  EXPECT_EQ(c.target(), hv1::REFERRAL_STATE_IN_PROGRESS);
  // 16:45 in Oslo in November (CET, UTC+1).
  EXPECT_EQ(c.occurred_at().seconds(), Utc(2026, 11, 28, 15, 45).seconds());
  // Merknad on innflyttet is free text about the person: not forwarded.
  EXPECT_EQ(c.reason(), "");
  EXPECT_FALSE(c.has_nights_stayed());
  EXPECT_EQ(c.facility_id(), "");
  EXPECT_EQ(r.SerializeAsString().find("barnehageplass"), std::string::npos);
}

TEST(LaurasSkjemaTest, GoodTwoForms) {
  const pv1::DecodeResponse r = Decode(Sample("good-two-forms.txt"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.warnings_size(), 0);
  ASSERT_EQ(r.commands_size(), 2);

  EXPECT_EQ(r.commands(0).record(), "form 1");
  const auto& status = r.commands(0).update_referral_status();
  EXPECT_EQ(status.referral_id(), "R-2026-000301");
  EXPECT_EQ(status.target(), hv1::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(status.reason(), "Ingen ledig familieplass før 15.12.");
  EXPECT_EQ(status.occurred_at().seconds(), Utc(2026, 11, 28, 9, 0).seconds());

  EXPECT_EQ(r.commands(1).record(), "form 2");
  ASSERT_TRUE(r.commands(1).has_report_capacity());
  const auto& report = r.commands(1).report_capacity();
  EXPECT_EQ(report.idempotency_key(), "");
  ASSERT_EQ(report.units_size(), 1);
  const hv1::UnitCapacity& unit = report.units(0);
  EXPECT_EQ(unit.facility_id(), "");
  EXPECT_EQ(unit.unit(), "plasser");
  EXPECT_EQ(unit.type(), hv1::UNIT_TYPE_LONGER_STAY);
  EXPECT_EQ(unit.admits(), hv1::ADMITTED_GENDERS_WOMEN);
  EXPECT_TRUE(unit.children());
  EXPECT_FALSE(unit.wheelchair_accessible());
  EXPECT_EQ(unit.capacity(), 10u);
  EXPECT_EQ(unit.free(), 0u);
  ASSERT_TRUE(unit.has_family_free());
  EXPECT_EQ(unit.family_free(), 0u);
  EXPECT_FALSE(unit.has_acute_free());
  EXPECT_EQ(unit.as_of().seconds(), Utc(2026, 11, 28, 9, 5).seconds());
}

TEST(LaurasSkjemaTest, BadAvslattWithoutMerknad) {
  ExpectRejected(Decode(Sample("bad-avslatt-without-merknad.txt")), "form 1",
                 "Merknad");
}

TEST(LaurasSkjemaTest, BadLineWithoutColon) {
  ExpectRejected(Decode(Sample("bad-line-without-colon.txt")), "form 1, line 3",
                 "");
}

TEST(LaurasSkjemaTest, BadMissingSkjema) {
  ExpectRejected(Decode(Sample("bad-missing-skjema.txt")), "form 1", "Skjema");
}

TEST(LaurasSkjemaTest, BadSecondFormInvalid) {
  // The first form is fine, but the payload is all-or-nothing.
  ExpectRejected(Decode(Sample("bad-second-form-invalid.txt")), "form 2",
                 "Ledige plasser");
}

TEST(LaurasSkjemaTest, BadUnknownStatus) {
  ExpectRejected(Decode(Sample("bad-unknown-status.txt")), "form 1", "Status");
}

// ---- Status forms
// ------------------------------------------------------------

TEST(LaurasSkjemaTest, EveryStatusWord) {
  const struct {
    std::string word;
    std::string more;
    hv1::ReferralState target;
  } cases[] = {
      {"mottatt", "", hv1::REFERRAL_STATE_RECEIVED},
      {"akseptert", "", hv1::REFERRAL_STATE_ACCEPTED},
      {"avslått", "Merknad: Fullt\n", hv1::REFERRAL_STATE_REJECTED},
      {"avslatt", "Merknad: Fullt\n", hv1::REFERRAL_STATE_REJECTED},
      {"AVSLÅTT", "Merknad: Fullt\n", hv1::REFERRAL_STATE_REJECTED},
      {"Innflyttet", "", hv1::REFERRAL_STATE_IN_PROGRESS},
      {"utflyttet", "Netter: 12\n", hv1::REFERRAL_STATE_COMPLETED},
      {"avbrutt", "Merknad: Kom ikke\n", hv1::REFERRAL_STATE_CANCELLED},
  };
  for (const auto& c : cases) {
    const pv1::DecodeResponse r = Decode(StatusForm(c.word, c.more));
    ASSERT_EQ(r.errors_size(), 0) << c.word << "\n" << Errors(r);
    ASSERT_EQ(r.commands_size(), 1);
    EXPECT_EQ(r.commands(0).update_referral_status().target(), c.target)
        << c.word;
  }
}

TEST(LaurasSkjemaTest, UtflyttetNeedsNetter) {
  const pv1::DecodeResponse ok = Decode(StatusForm("utflyttet", "Netter: 0\n"));
  ASSERT_EQ(ok.errors_size(), 0) << Errors(ok);
  ASSERT_TRUE(ok.commands(0).update_referral_status().has_nights_stayed());
  EXPECT_EQ(ok.commands(0).update_referral_status().nights_stayed(), 0u);
  EXPECT_EQ(Decode(StatusForm("utflyttet", "Netter: 3660\n")).errors_size(), 0);

  ExpectRejected(Decode(StatusForm("utflyttet")), "form 1", "Netter");
  ExpectRejected(Decode(StatusForm("utflyttet", "Netter: 3661\n")), "form 1",
                 "Netter");
  ExpectRejected(Decode(StatusForm("utflyttet", "Netter: -1\n")), "form 1",
                 "Netter");
  ExpectRejected(Decode(StatusForm("utflyttet", "Netter: 1.5\n")), "form 1",
                 "Netter");
  ExpectRejected(Decode(StatusForm("akseptert", "Netter: 3\n")), "form 1",
                 "Netter");
}

TEST(LaurasSkjemaTest, HugeNumbersAreRangeErrors) {
  ExpectRejected(
      Decode(StatusForm("utflyttet", "Netter: 99999999999999999999999\n")),
      "form 1", "Netter");
  ExpectRejected(Decode(StatusForm("utflyttet", "Netter: 4294967296\n")),
                 "form 1", "Netter");
  ExpectRejected(Decode(CapacityForm("18446744073709551617", "0")), "form 1",
                 "Plasser totalt");
}

TEST(LaurasSkjemaTest, MerknadRules) {
  const pv1::DecodeResponse r =
      Decode(StatusForm("avbrutt", "Merknad: Personen\n  ombestemte seg\n"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.commands(0).update_referral_status().reason(),
            "Personen ombestemte seg");

  // 500 code points (two bytes each) is the limit.
  std::string long_reason;
  for (int i = 0; i < 500; ++i) long_reason += "ø";
  EXPECT_EQ(Decode(StatusForm("avslått", "Merknad: " + long_reason + "\n"))
                .errors_size(),
            0);
  ExpectRejected(
      Decode(StatusForm("avslått", "Merknad: " + long_reason + "x\n")),
      "form 1", "Merknad");
  ExpectRejected(Decode(StatusForm("avbrutt", "Merknad:   \n")), "form 1",
                 "Merknad");

  // On other statuses Merknad is accepted and dropped.
  const pv1::DecodeResponse dropped =
      Decode(StatusForm("akseptert", "Merknad: Hun heter noe\n"));
  ASSERT_EQ(dropped.errors_size(), 0);
  EXPECT_EQ(dropped.commands(0).update_referral_status().reason(), "");
}

TEST(LaurasSkjemaTest, BarnOnlyWithInnflyttet) {
  const pv1::DecodeResponse r = Decode(StatusForm("innflyttet", "Barn: 20\n"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  // Validated, but the hub has no field for it.
  EXPECT_EQ(r.commands(0).update_referral_status().ByteSizeLong(),
            Decode(StatusForm("innflyttet"))
                .commands(0)
                .update_referral_status()
                .ByteSizeLong());
  ExpectRejected(Decode(StatusForm("innflyttet", "Barn: 21\n")), "form 1",
                 "Barn");
  ExpectRejected(Decode(StatusForm("innflyttet", "Barn: to\n")), "form 1",
                 "Barn");
  ExpectRejected(Decode(StatusForm("akseptert", "Barn: 1\n")), "form 1",
                 "Barn");
}

TEST(LaurasSkjemaTest, ReferanseAndTidspunktAreChecked) {
  ExpectRejected(Decode("Skjema: Lauras hus statusmelding 1\n"
                        "Referanse: 2026-000300\n"
                        "Status: mottatt\nTidspunkt: 28.11.2026 10:00\n"),
                 "form 1", "Referanse");
  ExpectRejected(Decode("Skjema: Lauras hus statusmelding 1\n"
                        "Status: mottatt\nTidspunkt: 28.11.2026 10:00\n"),
                 "form 1", "Referanse");
  ExpectRejected(Decode(StatusForm("mottatt", "", "31.11.2026 10:00")),
                 "form 1", "Tidspunkt");
  ExpectRejected(Decode(StatusForm("mottatt", "", "2026-11-28 10:00")),
                 "form 1", "Tidspunkt");
  ExpectRejected(Decode(StatusForm("mottatt", "", "28.11.2026 24:00")),
                 "form 1", "Tidspunkt");
}

TEST(LaurasSkjemaTest, ReportsEveryErrorOfAForm) {
  const pv1::DecodeResponse r = Decode(
      "Skjema: Lauras hus statusmelding 1\nStatus: avslått\n"
      "Tidspunkt: i går\n");
  EXPECT_EQ(r.commands_size(), 0);
  ASSERT_EQ(r.errors_size(), 3) << Errors(r);
  EXPECT_EQ(r.errors(0).field(), "Referanse");
  EXPECT_EQ(r.errors(1).field(), "Tidspunkt");
  EXPECT_EQ(r.errors(2).field(), "Merknad");
}

TEST(LaurasSkjemaTest, DaylightSaving) {
  // 29 March 2026: clocks go from 02:00 to 03:00 in Oslo.
  ExpectRejected(Decode(StatusForm("mottatt", "", "29.03.2026 02:30")),
                 "form 1", "Tidspunkt");
  // 25 October 2026: 02:30 happens twice; the first (summer time) counts.
  const pv1::DecodeResponse r =
      Decode(StatusForm("mottatt", "", "25.10.2026 02:30"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.commands(0).update_referral_status().occurred_at().seconds(),
            Utc(2026, 10, 25, 0, 30).seconds());
  // Summer time: UTC+2.
  const pv1::DecodeResponse summer =
      Decode(StatusForm("mottatt", "", "01.07.2026 12:00"));
  EXPECT_EQ(summer.commands(0).update_referral_status().occurred_at().seconds(),
            Utc(2026, 7, 1, 10, 0).seconds());
}

// ---- Capacity forms
// ----------------------------------------------------------

TEST(LaurasSkjemaTest, CapacityRanges) {
  const pv1::DecodeResponse r = Decode(CapacityForm("500", "500"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_FALSE(r.commands(0).report_capacity().units(0).has_family_free());

  ExpectRejected(Decode(CapacityForm("501", "0")), "form 1", "Plasser totalt");
  ExpectRejected(Decode(CapacityForm("10", "11")), "form 1", "Ledige plasser");
  ExpectRejected(Decode(CapacityForm("10", "2", "Ledige familieplasser: 3\n")),
                 "form 1", "Ledige familieplasser");
  EXPECT_EQ(Decode(CapacityForm("10", "2", "Ledige familieplasser: 2\n"))
                .errors_size(),
            0);
  ExpectRejected(Decode("Skjema: Lauras hus kapasitet 1\n"
                        "Tidspunkt: 28.11.2026 10:05\nPlasser totalt: 3\n"),
                 "form 1", "Ledige plasser");
  ExpectRejected(Decode("Skjema: Lauras hus kapasitet 1\n"
                        "Plasser totalt: 3\nLedige plasser: 1\n"),
                 "form 1", "Tidspunkt");
}

TEST(LaurasSkjemaTest, KeysAreCaseInsensitive) {
  const pv1::DecodeResponse r = Decode(
      "SKJEMA: LAURAS HUS KAPASITET 1\n"
      "tidspunkt: 28.11.2026 10:05\n"
      "PLASSER   TOTALT : 4\n"
      "ledige plasser:1\n");
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).capacity(), 4u);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).free(), 1u);
}

// ---- Syntax and envelope
// -------------------------------------------------------

TEST(LaurasSkjemaTest, CrlfAndBom) {
  const std::string crlf =
      absl::StrReplaceAll(Sample("good-two-forms.txt"), {{"\n", "\r\n"}});
  for (const std::string& payload : {crlf, "\xEF\xBB\xBF" + crlf}) {
    const pv1::DecodeResponse r = Decode(payload);
    ASSERT_EQ(r.errors_size(), 0) << Errors(r);
    ASSERT_EQ(r.commands_size(), 2);
    EXPECT_EQ(r.commands(0).update_referral_status().reason(),
              "Ingen ledig familieplass før 15.12.");
    EXPECT_EQ(r.commands(1).report_capacity().units(0).capacity(), 10u);
  }
}

TEST(LaurasSkjemaTest, EmptyPayloads) {
  ExpectRejected(Decode(""), "payload", "");
  ExpectRejected(Decode("\xEF\xBB\xBF"), "payload", "");
  ExpectRejected(Decode("# nothing\n\n---\n"), "payload", "");
}

TEST(LaurasSkjemaTest, TrailingSeparatorIsAWarning) {
  const pv1::DecodeResponse r = Decode(StatusForm("mottatt") + "---\n");
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.commands_size(), 1);
  ASSERT_EQ(r.warnings_size(), 1);
  EXPECT_EQ(r.warnings(0).record(), "form 2");
}

TEST(LaurasSkjemaTest, InvalidUtf8) {
  ExpectRejected(Decode(StatusForm("avslått", "Merknad: \xC3\x28\n")), "line 5",
                 "");
  ExpectRejected(Decode("Skjema: \xED\xA0\x80\n"), "line 1", "");
}

TEST(LaurasSkjemaTest, WrongContentType) {
  const std::string payload = Sample("good-status.txt");
  ExpectRejected(Decode(payload, "text/plain"), "payload", "");
  ExpectRejected(Decode(payload, "text/csv; profile=lauras-skjema-1"),
                 "payload", "");
  ExpectRejected(Decode(payload, "text/plain; profile=lauras-skjema-2"),
                 "payload", "");
  ExpectRejected(Decode(payload,
                        "text/plain; profile=lauras-skjema-1; "
                        "charset=latin1"),
                 "payload", "");
  ExpectRejected(Decode(payload, ""), "payload", "");
  // Spelling variants of the same media type are fine.
  EXPECT_EQ(Decode(payload,
                   "Text/Plain;profile=\"lauras-skjema-1\"; "
                   "charset=UTF-8")
                .commands_size(),
            1);
}

TEST(LaurasSkjemaTest, DuplicateKey) {
  ExpectRejected(Decode(StatusForm("mottatt", "status: akseptert\n")),
                 "form 1, line 5", "Status");
}

TEST(LaurasSkjemaTest, ContinuationWithoutKey) {
  ExpectRejected(Decode("  Skjema: Lauras hus kapasitet 1\n"), "form 1, line 1",
                 "");
}

TEST(LaurasSkjemaTest, UnknownKeysAreWarnings) {
  const pv1::DecodeResponse r =
      Decode(StatusForm("mottatt", "Rom: 12\nPlasser totalt: 3\n"));
  ASSERT_EQ(r.errors_size(), 0) << Errors(r);
  EXPECT_EQ(r.commands_size(), 1);
  ASSERT_EQ(r.warnings_size(), 2);
  EXPECT_EQ(r.warnings(0).record(), "form 1, line 5");
  EXPECT_EQ(r.warnings(0).field(), "");  // an unknown key is never echoed
  EXPECT_EQ(r.warnings(1).record(), "form 1, line 6");
  EXPECT_EQ(r.warnings(1).field(), "Plasser totalt");
}

TEST(LaurasSkjemaTest, SkjemaMustComeFirstAndBeKnown) {
  ExpectRejected(Decode("Skjema: Lauras hus statusmelding 2\n"
                        "Referanse: R-2026-000300\n"),
                 "form 1", "Skjema");
  ExpectRejected(Decode("# fine\nReferanse: R-2026-000300\n"
                        "Skjema: Lauras hus statusmelding 1\n"),
                 "form 1", "Skjema");
}

// No error or warning ever carries a value from the payload.
TEST(LaurasSkjemaTest, ErrorsNeverQuoteThePayload) {
  const std::string m = "XYZZY";
  const std::string payloads[] = {
      StatusForm(m),
      StatusForm("mottatt", "", "28.11.2026 " + m),
      StatusForm("utflyttet", "Netter: " + m + "\n"),
      StatusForm("innflyttet", "Barn: " + m + "\n"),
      StatusForm("avbrutt", "Merknad: " + std::string(600, 'x') + m + "\n"),
      StatusForm("mottatt", m + " ringte: i dag\n"),
      StatusForm("mottatt", m + " ringte: i dag\n" + m + " ringte: igjen\n"),
      StatusForm("mottatt", m + " uten kolon\n"),
      StatusForm("mottatt", m + ": \xC3\x28\n"),
      "Skjema: " + m + "\n",
      m + ": x\n",
      "Skjema: Lauras hus statusmelding 1\nReferanse: R-" + m + "\n",
      CapacityForm(m, "1"),
      CapacityForm("1", m),
      CapacityForm("1", "1", "Ledige familieplasser: " + m + "\n"),
  };
  for (const std::string& payload : payloads) {
    const pv1::DecodeResponse r = Decode(payload);
    EXPECT_GT(r.errors_size() + r.warnings_size(), 0) << payload;
    for (const auto* list : {&r.errors(), &r.warnings()}) {
      for (const pv1::RecordError& e : *list) {
        EXPECT_EQ(e.record().find(m), std::string::npos) << payload;
        EXPECT_EQ(e.field().find(m), std::string::npos) << payload;
        EXPECT_EQ(e.reason().find(m), std::string::npos) << payload;
        EXPECT_EQ(e.reason().find("xxxx"), std::string::npos) << payload;
      }
    }
  }
}

// Not even a number the sender reported as a limit.
TEST(LaurasSkjemaTest, RangeErrorsNameTheBoundNotItsValue) {
  const pv1::DecodeResponse r =
      Decode(CapacityForm("137", "138", "Ledige familieplasser: 139\n"));
  ASSERT_EQ(r.errors_size(), 1) << Errors(r);
  EXPECT_EQ(r.errors(0).reason(),
            "must be a whole number from 0 to Plasser totalt");
  const pv1::DecodeResponse family =
      Decode(CapacityForm("137", "136", "Ledige familieplasser: 139\n"));
  ASSERT_EQ(family.errors_size(), 1) << Errors(family);
  EXPECT_EQ(family.errors(0).reason(),
            "must be a whole number from 0 to Ledige plasser");
}

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

  // Lauras hus's own steps are not sent back.
  t.set_actor("lauras-hus");
  EXPECT_EQ(LaurasSkjemaPlugin().Encode(request).payloads_size(), 0);
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
