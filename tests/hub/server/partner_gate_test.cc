// The PartnerGate admits only registered, enabled partners, each within its
// own request rate, and caps each partner's open streams. A fake
// AuthContext and a fixed clock stand in for gRPC and time; the
// integration tests (limits_test) cover the real server.
#include "hub/server/partner_gate.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testutil/fake_auth_context.h"
#include "tests/testutil/fixed_clock.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

PartnerRegistry TestRegistry() {
  std::vector<Partner> partners;
  for (const char* id : {"rosa", "ks-oslo", "ks-stengt"}) {
    Partner p;
    p.id = id;
    p.kind = std::string(id) == "rosa" ? v1::PARTNER_KIND_COORDINATOR
                                       : v1::PARTNER_KIND_SHELTER;
    p.enabled = std::string(id) != "ks-stengt";
    partners.push_back(p);
  }
  return *PartnerRegistry::FromPartners(partners);
}

std::shared_ptr<testutil::FakeAuthContext> As(const std::string& id) {
  return testutil::AuthWithUris({"spiffe://rosa-hub/partner/" + id});
}

class PartnerGateTest : public ::testing::Test {
 protected:
  absl::StatusCode Call(const std::string& id) {
    return gate_.AdmitCall(*As(id)).status().code();
  }

  const PartnerRegistry registry_ = TestRegistry();
  testutil::FixedClock clock_;
  PartnerGate gate_{
      &registry_, &clock_,
      PartnerLimits{
          .requests_per_second = 2, .request_burst = 5, .max_open_streams = 2}};
};

TEST_F(PartnerGateTest, AdmitsOnlyRegisteredEnabledPartners) {
  auto rosa = gate_.AdmitCall(*As("rosa"));
  ASSERT_TRUE(rosa.ok()) << rosa.status();
  EXPECT_EQ((*rosa)->id, "rosa");
  EXPECT_EQ(Call("intruder"), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Call("ks-stengt"), absl::StatusCode::kPermissionDenied);
  testutil::FakeAuthContext anonymous;
  anonymous.authenticated = false;
  EXPECT_EQ(gate_.AdmitCall(anonymous).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(PartnerGateTest, BurstThenRefillAtTheRate) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Call("rosa"), absl::StatusCode::kOk);
  absl::Status over = gate_.AdmitCall(*As("rosa")).status();
  EXPECT_EQ(over.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(over.message().find("rate"), absl::string_view::npos) << over;
  // Refused calls cost nothing; half a second refills one call at 2/s.
  EXPECT_EQ(Call("rosa"), absl::StatusCode::kResourceExhausted);
  clock_.Advance(absl::Milliseconds(500));
  EXPECT_EQ(Call("rosa"), absl::StatusCode::kOk);
  EXPECT_EQ(Call("rosa"), absl::StatusCode::kResourceExhausted);
  // A long pause refills only up to the burst.
  clock_.Advance(absl::Hours(1));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Call("rosa"), absl::StatusCode::kOk);
  EXPECT_EQ(Call("rosa"), absl::StatusCode::kResourceExhausted);
}

TEST_F(PartnerGateTest, EachPartnerHasItsOwnBucket) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Call("ks-oslo"), absl::StatusCode::kOk);
  EXPECT_EQ(Call("ks-oslo"), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Call("rosa"), absl::StatusCode::kOk);
}

TEST_F(PartnerGateTest, ClockSteppingBackRefillsNothing) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Call("rosa"), absl::StatusCode::kOk);
  clock_.Advance(-absl::Hours(1));
  EXPECT_EQ(Call("rosa"), absl::StatusCode::kResourceExhausted);
}

TEST_F(PartnerGateTest, CapsOpenStreamsPerPartner) {
  ASSERT_TRUE(gate_.OpenStream("rosa").ok());
  ASSERT_TRUE(gate_.OpenStream("rosa").ok());
  EXPECT_EQ(gate_.OpenStream("rosa").code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(gate_.OpenStream("ks-oslo").ok());
  gate_.CloseStream("rosa");
  EXPECT_TRUE(gate_.OpenStream("rosa").ok());
  EXPECT_EQ(gate_.OpenStream("rosa").code(),
            absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace rosa
