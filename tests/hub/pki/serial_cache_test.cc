// SerialCache gives the serial CertificateSerial gives, remembers only
// certificates that parse, and starts over when full.
#include "hub/pki/serial_cache.h"

#include <string>

#include "gtest/gtest.h"
#include "hub/pki/dev_pki.h"
#include "hub/pki/revocation.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::pki {
namespace {

class SerialCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCa(paths_).ok()); }

  std::string Issue(const std::string& partner) {
    EXPECT_TRUE(IssuePartnerCertificate(paths_, partner).ok());
    return ReadFile(paths_.partner_cert(partner)).value_or("");
  }

  const testutil::TempDir temp_dir_;
  const PkiPaths paths_{temp_dir_.path() / "pki"};
};

TEST_F(SerialCacheTest, GivesTheCertificatesSerialFromTheFirstReadOn) {
  const std::string pem = Issue("ks-oslo");
  SerialCache cache;
  const absl::StatusOr<std::string> first = cache.SerialOf(pem);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, CertificateSerial(pem).value());
  EXPECT_EQ(cache.SerialOf(pem).value(), *first);
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(SerialCacheTest, DoesNotRememberWhatDoesNotParse) {
  SerialCache cache;
  EXPECT_FALSE(cache.SerialOf("not a certificate").ok());
  EXPECT_FALSE(cache.SerialOf("not a certificate").ok());
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(SerialCacheTest, StartsOverWhenFull) {
  const std::string a = Issue("ks-oslo");
  const std::string b = Issue("filemon");
  const std::string c = Issue("iom");
  SerialCache cache(/*capacity=*/2);
  ASSERT_TRUE(cache.SerialOf(a).ok());
  ASSERT_TRUE(cache.SerialOf(b).ok());
  EXPECT_EQ(cache.size(), 2u);
  const absl::StatusOr<std::string> serial = cache.SerialOf(c);
  ASSERT_TRUE(serial.ok());
  EXPECT_EQ(*serial, CertificateSerial(c).value());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.SerialOf(a).value(), CertificateSerial(a).value());
}

}  // namespace
}  // namespace rosa::pki
