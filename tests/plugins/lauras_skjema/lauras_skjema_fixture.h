// Shared helpers for the lauras-skjema plugin tests: samples, decoding with
// a fixed sender, error checks and form builders.
#ifndef ROSA_TESTS_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_FIXTURE_H_
#define ROSA_TESTS_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_FIXTURE_H_

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "plugins/lauras_skjema/form_reader.h"
#include "plugins/lauras_skjema/lauras_skjema.h"

namespace rosa::plugin::lauras_skjema {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

inline constexpr char kType[] = "text/plain; profile=lauras-skjema-1";

inline std::string Sample(const std::string& name) {
  std::ifstream in(std::string(ROSA_SAMPLES_DIR) + "/lauras-skjema/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline pv1::DecodeResponse Decode(const std::string& payload,
                                  const std::string& type = kType) {
  pv1::DecodeRequest request;
  request.set_content_type(type);
  request.set_payload(payload);
  request.mutable_sender()->set_partner_id("lauras-hus");
  request.mutable_sender()->set_kind(hv1::PARTNER_KIND_REINFORCED_HOUSING);
  return LaurasSkjemaPlugin().Decode(request);
}

inline google::protobuf::Timestamp Utc(int y, int mo, int d, int h, int mi) {
  return ToProtoTime(
      absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone()));
}

inline std::string Errors(const pv1::DecodeResponse& r) {
  std::string out;
  for (const auto& e : r.errors()) {
    out += e.record() + " | " + e.field() + " | " + e.reason() + "\n";
  }
  return out;
}

// Expects exactly one error, at `record` and `field`, and no commands.
inline void ExpectRejected(const pv1::DecodeResponse& r,
                           const std::string& record,
                           const std::string& field) {
  EXPECT_EQ(r.commands_size(), 0);
  ASSERT_EQ(r.errors_size(), 1) << Errors(r);
  EXPECT_EQ(r.errors(0).record(), record) << Errors(r);
  EXPECT_EQ(r.errors(0).field(), field) << Errors(r);
  EXPECT_FALSE(r.errors(0).reason().empty());
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
