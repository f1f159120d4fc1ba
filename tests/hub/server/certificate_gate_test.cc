// The certificate gate refuses a revoked client certificate on every call,
// from the peer certificate gRPC puts in the AuthContext. A fake
// AuthContext stands in for gRPC's; the integration tests (revocation_test)
// run the real handshake.
#include "hub/server/certificate_gate.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "hub/common/clock.h"
#include "hub/pki/dev_pki.h"
#include "hub/pki/revocation.h"
#include "hub/pki/revocation_list.h"
#include "tests/testutil/fake_auth_context.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

using testutil::FakeAuthContext;

class CertificateGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pki::InitCa(paths_).ok());
    old_pem_ = Issue();
    new_pem_ = Issue();
    auto list = pki::RevocationList::Open(paths_.revoked(), &clock_,
                                          absl::ZeroDuration());
    ASSERT_TRUE(list.ok()) << list.status();
    revoked_ = *std::move(list);
  }

  std::string Issue() {
    EXPECT_TRUE(pki::IssuePartnerCertificate(paths_, "ks-oslo").ok());
    return pki::ReadFile(paths_.partner_cert("ks-oslo")).value_or("");
  }

  grpc::Status Call(const std::string& pem) {
    FakeAuthContext auth;
    if (!pem.empty())
      auth.properties.emplace(GRPC_X509_PEM_CERT_PROPERTY_NAME, pem);
    const absl::Status status = CheckPeerCertificate(auth, *revoked_, serials_);
    return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                        std::string(status.message()));
  }

  const testutil::TempDir temp_dir_;
  const pki::PkiPaths paths_{temp_dir_.path() / "pki"};
  SystemClock clock_;
  std::string old_pem_;
  std::string new_pem_;
  std::unique_ptr<pki::RevocationList> revoked_;
  pki::SerialCache serials_;
};

TEST_F(CertificateGateTest, RefusesTheRevokedCertificateOnly) {
  EXPECT_TRUE(Call(old_pem_).ok());
  EXPECT_TRUE(Call(new_pem_).ok());

  ASSERT_TRUE(pki::Revoke(paths_, {.partner_id = "ks-oslo"}).ok());

  const grpc::Status refused = Call(old_pem_);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(refused.error_message(), "the client certificate has been revoked");
  EXPECT_TRUE(Call(new_pem_).ok());
}

// Both certificates were read (and remembered) before the revocation: the
// remembered serial is still checked against the list on every call.
TEST_F(CertificateGateTest, ARememberedCertificateIsStillCheckedEachCall) {
  EXPECT_TRUE(Call(old_pem_).ok());
  EXPECT_TRUE(Call(old_pem_).ok());
  EXPECT_EQ(serials_.size(), 1u);
  ASSERT_TRUE(pki::Revoke(paths_, {.partner_id = "ks-oslo"}).ok());
  EXPECT_EQ(Call(old_pem_).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Call(new_pem_).ok());
  EXPECT_EQ(serials_.size(), 2u);
}

TEST_F(CertificateGateTest, RefusesACallWithoutACertificate) {
  EXPECT_EQ(Call("").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Call("not a certificate").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Call("not a certificate").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(serials_.size(), 0u);  // A failed read is not remembered.
}

}  // namespace
}  // namespace rosa
