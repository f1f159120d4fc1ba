// Renewing a partner's certificate while the hub runs: `pki renew` issues
// a new one, `pki status` lists it with its days left, the partner
// connects with it at once (same hub process, no restart, no SIGHUP), the
// old certificate keeps working until `pki revoke`, and the metrics show
// the new certificate's expiry.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/metrics_scrape.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The serial `pki renew` printed ("renewed <id>: serial <HEX>, ...").
std::string RenewedSerial(const std::string& output) {
  const std::string marker = ": serial ";
  const size_t at = output.rfind(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return output.substr(start, output.find(',', start) - start);
}

TEST(CertificateRenewalTest, RenewedCertificateWorksWithoutRestart) {
  HubOptions options;
  options.extra_args = {"--metrics-listen", "127.0.0.1:0"};
  auto started = HubProcess::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  HubProcess& hub = **started;
  const pid_t pid = hub.pid();
  const fs::path pki = hub.pki_dir();

  // The partner's current certificate, as the partner holds it.
  fs::copy_file(pki / "ks-oslo.pem", hub.data_dir() / "old.pem");
  fs::copy_file(pki / "ks-oslo.key", hub.data_dir() / "old.key");
  PartnerClient old_cert(ChannelWithCertFiles(hub.port(), pki / "ca.pem",
                                              hub.data_dir() / "old.pem",
                                              hub.data_dir() / "old.key"));
  hub::v1::ListReferralsResponse list;
  ASSERT_THAT(old_cert.List(hub::v1::ListReferralsRequest(), &list), IsOk());

  const fs::path renew_log = hub.data_dir() / "renew.log";
  ASSERT_TRUE(RunHubCommand({"pki", "renew", "--pki-dir", pki.string(),
                             "--partner", "ks-oslo"},
                            renew_log)
                  .ok());
  const std::string serial = RenewedSerial(ReadText(renew_log));
  ASSERT_FALSE(serial.empty()) << ReadText(renew_log);

  // `pki status` lists the CA, the server and the renewed certificate.
  const fs::path status_log = hub.data_dir() / "status.log";
  ASSERT_TRUE(
      RunHubCommand({"pki", "status", "--pki-dir", pki.string()}, status_log)
          .ok());
  const std::string status = ReadText(status_log);
  EXPECT_THAT(status, HasSubstr("ca "));
  EXPECT_THAT(status, HasSubstr("server "));
  EXPECT_THAT(status, HasSubstr(serial));
  EXPECT_THAT(status, HasSubstr("ks-oslo"));

  // A renewal without an existing certificate is refused.
  EXPECT_FALSE(RunHubCommand({"pki", "renew", "--pki-dir", pki.string(),
                              "--partner", "nobody-here"})
                   .ok());

  // The renewed certificate works at once; so does the old one.
  PartnerClient renewed(PartnerChannel(hub.port(), pki, "ks-oslo"));
  EXPECT_THAT(renewed.List(hub::v1::ListReferralsRequest(), &list), IsOk());
  EXPECT_THAT(old_cert.List(hub::v1::ListReferralsRequest(), &list), IsOk());
  EXPECT_EQ(hub.pid(), pid);
  EXPECT_TRUE(hub.running());

  // The metrics show the renewed certificate's expiry (two years ahead).
  auto port = MetricsPort(hub);
  ASSERT_TRUE(port.ok()) << port.status();
  auto page = HttpGet("127.0.0.1", *port);
  ASSERT_TRUE(page.ok()) << page.status();
  const auto expiry = SampleValue(
      *page,
      absl::StrCat("rosa_hub_certificate_expiry_timestamp_seconds{role=\""
                   "partner\",name=\"ks-oslo\",serial=\"",
                   serial, "\"}"));
  ASSERT_TRUE(expiry.has_value()) << *page;
  EXPECT_GT(*expiry, absl::ToUnixSeconds(absl::Now() + absl::Hours(24 * 700)));

  // Revoking the old one leaves the renewed one working.
  ASSERT_TRUE(RunHubCommand({"pki", "revoke", "--pki-dir", pki.string(),
                             "--partner", "ks-oslo"})
                  .ok());
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  grpc::Status old_status;
  do {
    old_status = old_cert.List(hub::v1::ListReferralsRequest(), &list);
  } while (old_status.ok() && absl::Now() < deadline &&
           (absl::SleepFor(absl::Milliseconds(100)), true));
  EXPECT_THAT(old_status, StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(renewed.List(hub::v1::ListReferralsRequest(), &list), IsOk());
  EXPECT_EQ(hub.pid(), pid);
}

}  // namespace
}  // namespace rosa::integration
