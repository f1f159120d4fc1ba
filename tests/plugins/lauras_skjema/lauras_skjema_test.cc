// Decoding lauras-skjema forms: the manifest, the shared samples, status and
// capacity forms.
#include <string>

#include "tests/plugins/lauras_skjema/lauras_skjema_fixture.h"

namespace rosa::plugin::lauras_skjema {
namespace {

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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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

// Whether avslått needs a reason is the core's rule: the form decodes and
// the core refuses it (tests/hub/exchange/conformance_test.cc).
TEST(LaurasSkjemaTest, BadAvslattWithoutMerknadIsTheCoresToRefuse) {
  const pv1::DecodeResponse r =
      Decode(Sample("bad-avslatt-without-merknad.txt"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.commands(0).update_referral_status().target(),
            hv1::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(r.commands(0).update_referral_status().reason(), "");
}

TEST(LaurasSkjemaTest, BadLineWithoutColon) {
  ExpectRejected(Decode(Sample("bad-line-without-colon.txt")), "form 1, line 3",
                 "");
}

TEST(LaurasSkjemaTest, BadMissingSkjema) {
  ExpectRejected(Decode(Sample("bad-missing-skjema.txt")), "form 1", "Skjema");
}

// More free places than places is the core's rule: both forms decode and
// the core refuses form 2, so nothing applies (conformance_test.cc).
TEST(LaurasSkjemaTest, BadSecondFormInvalidIsTheCoresToRefuse) {
  const pv1::DecodeResponse r = Decode(Sample("bad-second-form-invalid.txt"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  ASSERT_EQ(r.commands_size(), 2);
  EXPECT_EQ(r.commands(1).record(), "form 2");
  EXPECT_EQ(r.commands(1).report_capacity().units(0).free(), 12u);
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
    ASSERT_EQ(r.errors_size(), 0) << c.word << "\n" << testutil::ErrorsText(r);
    ASSERT_EQ(r.commands_size(), 1);
    EXPECT_EQ(r.commands(0).update_referral_status().target(), c.target)
        << c.word;
  }
}

TEST(LaurasSkjemaTest, UtflyttetNeedsNetter) {
  const pv1::DecodeResponse ok = Decode(StatusForm("utflyttet", "Netter: 0\n"));
  ASSERT_EQ(ok.errors_size(), 0) << testutil::ErrorsText(ok);
  ASSERT_TRUE(ok.commands(0).update_referral_status().has_nights_stayed());
  EXPECT_EQ(ok.commands(0).update_referral_status().nights_stayed(), 0u);
  // The 3660-night limit, and nights only with utflyttet, are the core's.
  EXPECT_EQ(Decode(StatusForm("utflyttet", "Netter: 3661\n")).errors_size(), 0);
  EXPECT_EQ(Decode(StatusForm("akseptert", "Netter: 3\n")).errors_size(), 0);

  ExpectRejected(Decode(StatusForm("utflyttet")), "form 1", "Netter");
  ExpectRejected(Decode(StatusForm("utflyttet", "Netter: -1\n")), "form 1",
                 "Netter");
  ExpectRejected(Decode(StatusForm("utflyttet", "Netter: 1.5\n")), "form 1",
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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.commands(0).update_referral_status().reason(),
            "Personen ombestemte seg");

  // How long a reason may be, and that avbrutt needs one, are the core's
  // rules (ingest_core_rules_test.cc): passed on as written.
  std::string long_reason;
  for (int i = 0; i < 501; ++i) long_reason += "ø";
  const pv1::DecodeResponse long_one =
      Decode(StatusForm("avslått", "Merknad: " + long_reason + "\n"));
  ASSERT_EQ(long_one.errors_size(), 0) << testutil::ErrorsText(long_one);
  EXPECT_EQ(long_one.commands(0).update_referral_status().reason(),
            long_reason);

  // On other statuses Merknad is accepted and dropped.
  const pv1::DecodeResponse dropped =
      Decode(StatusForm("akseptert", "Merknad: Hun heter noe\n"));
  ASSERT_EQ(dropped.errors_size(), 0);
  EXPECT_EQ(dropped.commands(0).update_referral_status().reason(), "");
}

TEST(LaurasSkjemaTest, BarnOnlyWithInnflyttet) {
  const pv1::DecodeResponse r = Decode(StatusForm("innflyttet", "Barn: 20\n"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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
  ASSERT_EQ(r.errors_size(), 2) << testutil::ErrorsText(r);
  EXPECT_EQ(r.errors(0).field(), "Referanse");
  EXPECT_EQ(r.errors(1).field(), "Tidspunkt");
}

TEST(LaurasSkjemaTest, DaylightSaving) {
  // 29 March 2026: clocks go from 02:00 to 03:00 in Oslo.
  ExpectRejected(Decode(StatusForm("mottatt", "", "29.03.2026 02:30")),
                 "form 1", "Tidspunkt");
  // 25 October 2026: 02:30 happens twice; the first (summer time) counts.
  const pv1::DecodeResponse r =
      Decode(StatusForm("mottatt", "", "25.10.2026 02:30"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_FALSE(r.commands(0).report_capacity().units(0).has_family_free());

  // Places per unit and free within the total are the core's rules.
  EXPECT_EQ(Decode(CapacityForm("501", "0")).errors_size(), 0);
  EXPECT_EQ(Decode(CapacityForm("10", "11")).errors_size(), 0);
  EXPECT_EQ(Decode(CapacityForm("10", "2", "Ledige familieplasser: 3\n"))
                .errors_size(),
            0);
  ExpectRejected(Decode(CapacityForm("10", "-1")), "form 1", "Ledige plasser");
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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).capacity(), 4u);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).free(), 1u);
}

}  // namespace
}  // namespace rosa::plugin::lauras_skjema
