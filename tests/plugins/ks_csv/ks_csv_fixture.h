// Shared helpers for the ks-csv decode tests: samples, decoding with a fixed
// sender, error checks and the profile headers.
#ifndef ROSA_TESTS_PLUGINS_KS_CSV_KS_CSV_FIXTURE_H_
#define ROSA_TESTS_PLUGINS_KS_CSV_KS_CSV_FIXTURE_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ks_csv/ks_csv.h"
#include "tests/testutil/decode_checks.h"
#include "tests/testutil/partner_samples.h"

namespace rosa::plugin::ks_csv {

namespace hub = rosa::hub::v1;
namespace v1 = rosa::plugin::v1;

using ::testing::IsEmpty;
using ::testing::SizeIs;

inline constexpr char kPlasser[] = "text/csv; profile=ks-plasser-1";
inline constexpr char kHendelser[] = "text/csv; profile=ks-hendelser-1";
inline constexpr char kTelefonlogg[] = "text/csv; profile=ks-telefonlogg-1";

inline std::string Sample(const std::string& name) {
  return testutil::PartnerSample("ks-csv", name);
}

inline v1::DecodeResponse Decode(const std::string& content_type,
                                 const std::string& payload) {
  return KsCsvPlugin().Decode(testutil::DecodeRequestFrom(
      "ks-oslo-partner", hub::PARTNER_KIND_SHELTER, content_type, payload));
}

// Seconds since the epoch of a UTC wall-clock time.
inline int64_t Utc(int y, int m, int d, int hh, int mm) {
  return absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone()));
}

// Expects exactly one error and checks where it points.
inline void ExpectOneError(const v1::DecodeResponse& r,
                           const std::string& record,
                           const std::string& field) {
  EXPECT_THAT(r.commands(), IsEmpty());
  ASSERT_THAT(r.errors(), SizeIs(1)) << testutil::ErrorsText(r);
  EXPECT_EQ(r.errors(0).record(), record) << testutil::ErrorsText(r);
  EXPECT_EQ(r.errors(0).field(), field) << testutil::ErrorsText(r);
  EXPECT_FALSE(r.errors(0).reason().empty());
}

inline bool HasError(const v1::DecodeResponse& r, const std::string& record,
                     const std::string& field) {
  for (const auto& e : r.errors()) {
    if (e.record() == record && e.field() == field) return true;
  }
  return false;
}

inline void ExpectNoKeys(const v1::DecodeResponse& r) {
  for (const auto& c : r.commands()) {
    EXPECT_TRUE(c.update_referral_status().idempotency_key().empty());
    EXPECT_TRUE(c.report_capacity().idempotency_key().empty());
    EXPECT_TRUE(c.record_inquiry().idempotency_key().empty());
  }
}

inline constexpr char kPlasserHeader[] =
    "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert\n";

inline std::string PlasserRow(const std::string& kapasitet = "4",
                              const std::string& ledige = "1",
                              const std::string& oppdatert = "28.11.2026 14:05",
                              const std::string& enhet = "Akutten") {
  return absl::StrCat("ks-oslo;", enhet, ";akutt;", kapasitet, ";", ledige,
                      ";kvinner;", oppdatert, "\n");
}

inline constexpr char kHendelserHeader[] =
    "referanse;hendelse;tidspunkt;arsak;netter\n";

inline constexpr char kLogHeader[] =
    "tidspunkt;hvem_ringer;gjelder;antall_personer;kjonn;nasjonalitet;"
    "utnyttelse;mindrearige_barn;utfall\n";

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_TESTS_PLUGINS_KS_CSV_KS_CSV_FIXTURE_H_
