// The lauras-skjema form syntax and envelope: line endings, keys, encoding,
// and errors that never quote the payload.
#include <string>

#include "tests/plugins/lauras_skjema/lauras_skjema_fixture.h"

namespace rosa::plugin::lauras_skjema {
namespace {

// ---- Syntax and envelope
// -------------------------------------------------------

TEST(LaurasSkjemaTest, CrlfAndBom) {
  const std::string crlf =
      absl::StrReplaceAll(Sample("good-two-forms.txt"), {{"\n", "\r\n"}});
  for (const std::string& payload : {crlf, "\xEF\xBB\xBF" + crlf}) {
    const pv1::DecodeResponse r = Decode(payload);
    ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
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
      StatusForm("avbrutt", "Merknad: " + m + "\xC3\x28\n"),
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

}  // namespace
}  // namespace rosa::plugin::lauras_skjema
