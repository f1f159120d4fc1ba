// Decoding the ks-hendelser-1 (referral events) profile.
#include <string>

#include "tests/plugins/ks_csv/ks_csv_fixture.h"

namespace rosa::plugin::ks_csv {
namespace {

// ---------------------------------------------------------- hendelser

v1::DecodeResponse DecodeEvent(const std::string& hendelse,
                               const std::string& arsak,
                               const std::string& netter,
                               const std::string& referanse = "R-2026-000123") {
  return Decode(kHendelser,
                absl::StrCat(kHendelserHeader, referanse, ";", hendelse,
                             ";28.11.2026 09:12;", arsak, ";", netter, "\n"));
}

TEST(KsCsvHendelserTest, EveryEventToken) {
  const std::pair<const char*, hub::ReferralState> events[] = {
      {"mottatt", hub::REFERRAL_STATE_RECEIVED},
      {"akseptert", hub::REFERRAL_STATE_ACCEPTED},
      {"avslatt", hub::REFERRAL_STATE_REJECTED},
      {"ankommet", hub::REFERRAL_STATE_IN_PROGRESS},
      {"utflyttet", hub::REFERRAL_STATE_COMPLETED},
      {"avbrutt", hub::REFERRAL_STATE_CANCELLED}};
  for (const auto& [word, state] : events) {
    const bool completed = state == hub::REFERRAL_STATE_COMPLETED;
    const auto r = DecodeEvent(word, "Fordi.", completed ? "12" : "");
    ASSERT_THAT(r.errors(), IsEmpty()) << word << testutil::ErrorsText(r);
    const auto& u = r.commands(0).update_referral_status();
    EXPECT_EQ(u.target(), state);
    EXPECT_EQ(u.reason(), "Fordi.");
    EXPECT_EQ(u.has_nights_stayed(), completed);
    if (completed) {
      EXPECT_EQ(u.nights_stayed(), 12u);
    }
  }
  ExpectOneError(DecodeEvent("innflyttet", "", ""), "line 2", "hendelse");
  ExpectOneError(DecodeEvent("avslått", "x", ""), "line 2", "hendelse");
}

// When a reason is required and how long it may be are the core's rules
// (tests/hub/exchange/ingest_core_rules_test.cc): arsak is passed on.
TEST(KsCsvHendelserTest, ReasonIsPassedOnForTheCoreToJudge) {
  for (const char* event : {"avslatt", "avbrutt", "mottatt"}) {
    const auto r =
        Decode(kHendelser, std::string("referanse;hendelse;tidspunkt\n"
                                       "R-2026-000123;") +
                               event + ";28.11.2026 09:12\n");
    EXPECT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  }
  std::string long_reason;
  for (int i = 0; i < 501; ++i) long_reason += "å";
  const auto ok = DecodeEvent("avslatt", long_reason, "");
  ASSERT_THAT(ok.errors(), IsEmpty()) << testutil::ErrorsText(ok);
  EXPECT_EQ(ok.commands(0).update_referral_status().reason(), long_reason);
}

TEST(KsCsvHendelserTest, ReasonMayNotHoldControlCharacters) {
  ExpectOneError(DecodeEvent("avslatt",
                             std::string("a\x01"
                                         "b"),
                             ""),
                 "line 2", "arsak");
  const auto tab = DecodeEvent("avslatt", "a\tb", "");
  EXPECT_THAT(tab.errors(), IsEmpty()) << testutil::ErrorsText(tab);
}

// The format requires netter with utflyttet; the 3660-night limit and
// nights only with utflyttet are the core's rules.
TEST(KsCsvHendelserTest, NightsWithUtflyttet) {
  ExpectOneError(DecodeEvent("utflyttet", "", ""), "line 2", "netter");
  ExpectOneError(Decode(kHendelser,
                        "referanse;hendelse;tidspunkt\n"
                        "R-2026-000123;utflyttet;28.11.2026 09:12\n"),
                 "line 2", "netter");
  ExpectOneError(DecodeEvent("utflyttet", "", "-1"), "line 2", "netter");
  EXPECT_THAT(DecodeEvent("utflyttet", "", "3661").errors(), IsEmpty());
  EXPECT_THAT(DecodeEvent("ankommet", "", "3").errors(), IsEmpty());
  const auto zero = DecodeEvent("utflyttet", "", "0");
  ASSERT_THAT(zero.errors(), IsEmpty()) << testutil::ErrorsText(zero);
  EXPECT_TRUE(zero.commands(0).update_referral_status().has_nights_stayed());
  EXPECT_EQ(zero.commands(0).update_referral_status().nights_stayed(), 0u);
  const auto max = DecodeEvent("utflyttet", "", "3660");
  ASSERT_THAT(max.errors(), IsEmpty()) << testutil::ErrorsText(max);
  EXPECT_EQ(max.commands(0).update_referral_status().nights_stayed(), 3660u);
}

TEST(KsCsvHendelserTest, ReferanseMustBeAReferralId) {
  for (const char* bad :
       {"R-2026-00012", "R-2026-0001234567", "r-2026-000123", "R2026000123",
        "R-26-000123", "H-2026-000123", "R-2026-00012x", "R-1999-000123"}) {
    ExpectOneError(DecodeEvent("mottatt", "", "", bad), "line 2", "referanse");
  }
  EXPECT_THAT(DecodeEvent("mottatt", "", "", "R-2026-123456789").errors(),
              IsEmpty());
  ExpectOneError(DecodeEvent("mottatt", "", "", ""), "line 2", "referanse");
}

TEST(KsCsvHendelserTest, TidspunktRequired) {
  ExpectOneError(Decode(kHendelser,
                        "referanse;hendelse;tidspunkt\n"
                        "R-2026-000123;mottatt;\n"),
                 "line 2", "tidspunkt");
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
