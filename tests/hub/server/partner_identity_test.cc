// Identity comes only from the verified certificate's URI SAN, checked
// against the registry. A fake AuthContext stands in for gRPC's here; the
// integration tests cover the real TLS handshake.
#include "hub/server/partner_identity.h"

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testutil/fake_auth_context.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

using testutil::FakeAuthContext;

PartnerRegistry TestRegistry() {
  Partner rosa;
  rosa.id = "rosa";
  rosa.kind = v1::PARTNER_KIND_COORDINATOR;
  rosa.enabled = true;
  Partner closed;
  closed.id = "ks-stengt";
  closed.kind = v1::PARTNER_KIND_SHELTER;
  closed.enabled = false;
  return *PartnerRegistry::FromPartners({rosa, closed});
}

std::shared_ptr<FakeAuthContext> WithUris(std::vector<std::string> uris) {
  auto ctx = std::make_shared<FakeAuthContext>();
  for (auto& uri : uris) ctx->properties.emplace("peer_uri", uri);
  return ctx;
}

TEST(PartnerIdentityTest, RegisteredPartnerFromUriSan) {
  const PartnerRegistry registry = TestRegistry();
  auto partner =
      IdentifyPartner(WithUris({"spiffe://rosa-hub/partner/rosa"}), registry);
  ASSERT_TRUE(partner.ok()) << partner.status();
  EXPECT_EQ((*partner)->id, "rosa");
}

TEST(PartnerIdentityTest, UnregisteredOrDisabledIsPermissionDenied) {
  const PartnerRegistry registry = TestRegistry();
  for (const char* uri : {"spiffe://rosa-hub/partner/intruder",
                          "spiffe://rosa-hub/partner/ks-stengt"}) {
    auto partner = IdentifyPartner(WithUris({uri}), registry);
    EXPECT_EQ(partner.status().code(), absl::StatusCode::kPermissionDenied)
        << uri;
  }
}

TEST(PartnerIdentityTest, OnlyTheUriSanCounts) {
  const PartnerRegistry registry = TestRegistry();
  auto ctx = std::make_shared<FakeAuthContext>();
  ctx->properties.emplace("x509_common_name", "rosa");
  ctx->properties.emplace("peer_dns", "rosa");
  ctx->properties.emplace("x509_subject_alternative_name", "rosa");
  EXPECT_EQ(IdentifyPartner(ctx, registry).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PartnerIdentityTest, TwoPartnerUrisAreRefused) {
  const PartnerRegistry registry = TestRegistry();
  auto ctx = WithUris({"spiffe://rosa-hub/partner/rosa",
                       "spiffe://rosa-hub/partner/ks-stengt"});
  EXPECT_EQ(IdentifyPartner(ctx, registry).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PartnerIdentityTest, UnauthenticatedPeerIsRefused) {
  const PartnerRegistry registry = TestRegistry();
  auto ctx = WithUris({"spiffe://rosa-hub/partner/rosa"});
  ctx->authenticated = false;
  EXPECT_EQ(IdentifyPartner(ctx, registry).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(IdentifyPartner(nullptr, registry).status().code(),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace rosa
