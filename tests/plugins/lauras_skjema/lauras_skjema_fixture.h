// Shared helpers for the lauras-skjema plugin tests: samples, decoding with
// a fixed sender, error checks and form builders.
#ifndef ROSA_TESTS_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_FIXTURE_H_
#define ROSA_TESTS_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_FIXTURE_H_

#include <string>

#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "plugins/lauras_skjema/form_reader.h"
#include "plugins/lauras_skjema/lauras_skjema.h"
#include "tests/testutil/decode_checks.h"
#include "tests/testutil/partner_samples.h"

namespace rosa::plugin::lauras_skjema {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;
using testutil::ExpectRejected;

inline constexpr char kType[] = "text/plain; profile=lauras-skjema-1";

inline std::string Sample(const std::string& name) {
  return testutil::PartnerSample("lauras-skjema", name);
}

inline pv1::DecodeResponse Decode(const std::string& payload,
                                  const std::string& type = kType) {
  return LaurasSkjemaPlugin().Decode(testutil::DecodeRequestFrom(
      "lauras-hus", hv1::PARTNER_KIND_REINFORCED_HOUSING, type, payload));
}

inline google::protobuf::Timestamp Utc(int y, int mo, int d, int h, int mi) {
  return ToProtoTime(
      absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone()));
}

// A status form with the given extra lines.
inline std::string StatusForm(const std::string& status,
                              const std::string& more = "",
                              const std::string& when = "28.11.2026 10:00") {
  return "Skjema: Lauras hus statusmelding 1\n"
         "Referanse: R-2026-000300\n"
         "Status: " +
         status + "\nTidspunkt: " + when + "\n" + more;
}

inline std::string CapacityForm(const std::string& total,
                                const std::string& free,
                                const std::string& more = "") {
  return "Skjema: Lauras hus kapasitet 1\n"
         "Tidspunkt: 28.11.2026 10:05\n"
         "Plasser totalt: " +
         total + "\nLedige plasser: " + free + "\n" + more;
}

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_TESTS_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_FIXTURE_H_
