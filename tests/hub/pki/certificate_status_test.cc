#include "hub/pki/certificate_status.h"

#include <filesystem>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/pki/revocation.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::pki {
namespace {

using ::testing::HasSubstr;

class CertificateStatusTest : public ::testing::Test {
 protected:
  PkiPaths paths() const { return PkiPaths{dir_.File("pki")}; }
  testutil::TempDir dir_;
};

TEST_F(CertificateStatusTest, ListsCaServerAndPartnersWithDaysLeft) {
  ASSERT_TRUE(InitCa(paths()).ok());
  ASSERT_TRUE(IssuePartnerCertificate(paths(), "rosa").ok());
  ASSERT_TRUE(IssuePartnerCertificate(paths(), "ks-oslo").ok());
  auto certs = ListCertificates(paths());
  ASSERT_TRUE(certs.ok()) << certs.status();
  ASSERT_EQ(certs->size(), 4u);
  EXPECT_EQ((*certs)[0].role, "ca");
  EXPECT_EQ((*certs)[1].role, "server");
  EXPECT_EQ((*certs)[2].name, "ks-oslo");
  EXPECT_EQ((*certs)[3].name, "rosa");
  EXPECT_EQ((*certs)[3].role, "partner");
  EXPECT_THAT((*certs)[0].subject, HasSubstr("CN="));

  const absl::Time now = absl::Now();
  // The CA lives ten years, a partner two (dev_pki.h).
  EXPECT_GT(DaysLeft((*certs)[0], now), 3600);
  EXPECT_GT(DaysLeft((*certs)[3], now), 700);
  EXPECT_LT(DaysLeft((*certs)[3], now), 732);
  // Past its expiry the count is negative.
  EXPECT_LT(DaysLeft((*certs)[3], (*certs)[3].not_after + absl::Hours(25)), 0);

  auto pem = ReadFile(paths().partner_cert("rosa"));
  ASSERT_TRUE(pem.ok());
  auto serial = CertificateSerial(*pem);
  ASSERT_TRUE(serial.ok());
  EXPECT_EQ((*certs)[3].serial, *serial);
}

TEST_F(CertificateStatusTest, RenewalShowsTheNewSerial) {
  ASSERT_TRUE(InitCa(paths()).ok());
  ASSERT_TRUE(IssuePartnerCertificate(paths(), "iom").ok());
  auto before = ListCertificates(paths());
  ASSERT_TRUE(IssuePartnerCertificate(paths(), "iom").ok());
  auto after = ListCertificates(paths());
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_NE(before->back().serial, after->back().serial);
}

TEST_F(CertificateStatusTest, MissingCaIsNotFoundAndBadFileIsNamed) {
  EXPECT_TRUE(absl::IsNotFound(ListCertificates(paths()).status()));
  ASSERT_TRUE(InitCa(paths()).ok());
  std::FILE* f = std::fopen(paths().partner_cert("broken").c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("not a certificate\n", f);
  std::fclose(f);
  auto certs = ListCertificates(paths());
  ASSERT_FALSE(certs.ok());
  EXPECT_THAT(std::string(certs.status().message()), HasSubstr("broken.pem"));
}

}  // namespace
}  // namespace rosa::pki
