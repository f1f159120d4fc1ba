#include "hub/users/totp.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace rosa::users {
namespace {

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" gives
// 94287082 (8 digits) at 59 s, so 287082 with 6.
TEST(TotpTest, MatchesTheRfcVector) {
  EXPECT_EQ(TotpCode("12345678901234567890", absl::FromUnixSeconds(59)),
            "287082");
  EXPECT_EQ(TotpCode("12345678901234567890", absl::FromUnixSeconds(1111111109)),
            "081804");
}

TEST(TotpTest, AcceptsTheNeighbouringStepsOnly) {
  const std::string secret = NewTotpSecret();
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  for (int offset : {-30, 0, 30}) {
    const std::string code = TotpCode(secret, now + absl::Seconds(offset));
    EXPECT_TRUE(CheckTotp(secret, code, now, 0).ok()) << offset;
  }
  for (int offset : {-90, 90}) {
    const std::string code = TotpCode(secret, now + absl::Seconds(offset));
    EXPECT_TRUE(
        absl::IsPermissionDenied(CheckTotp(secret, code, now, 0).status()))
        << offset;
  }
}

TEST(TotpTest, RefusesACodeOfAStepAlreadyUsed) {
  const std::string secret = NewTotpSecret();
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const std::string code = TotpCode(secret, now);
  absl::StatusOr<int64_t> step = CheckTotp(secret, code, now, 0);
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(*step, TotpStep(now));
  EXPECT_FALSE(CheckTotp(secret, code, now, *step).ok());
}

TEST(TotpTest, RefusesMalformedCodes) {
  const std::string secret = NewTotpSecret();
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  for (const char* code : {"", "12345", "1234567", "abcdef"}) {
    EXPECT_FALSE(CheckTotp(secret, code, now, 0).ok()) << code;
  }
}

TEST(TotpTest, UriCarriesTheBase32Secret) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(Base32Secret(secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(*DecodeBase32Secret(Base32Secret(secret)), secret);
  EXPECT_FALSE(DecodeBase32Secret("not base32!").ok());
  const std::string uri = OtpauthUri("ROSA hub", "ks-oslo/kari", secret);
  EXPECT_TRUE(
      absl::StartsWith(uri, "otpauth://totp/ROSA%20hub:ks-oslo%2Fkari?"))
      << uri;
  EXPECT_TRUE(
      absl::StrContains(uri, "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
  EXPECT_TRUE(absl::StrContains(uri, "digits=6&period=30"));
}

}  // namespace
}  // namespace rosa::users
