#include "common/hub_ids.h"

#include "gtest/gtest.h"

namespace rosa::ids {
namespace {

TEST(HubIdsTest, AcceptsSixToNineDigits) {
  for (const char* id : {"R-2026-000123", "R-2000-000000", "R-2999-999999999",
                         "R-2026-1234567", "R-2026-1000000"}) {
    EXPECT_TRUE(IsReferralId(id)) << id;
  }
  EXPECT_TRUE(IsHandoffId("H-2026-000042"));
  EXPECT_TRUE(IsHandoffId("H-2026-123456789"));
  EXPECT_TRUE(IsHubId("I-2026-000001", kInquiryPrefix));
}

TEST(HubIdsTest, RefusesEverythingElse) {
  for (const char* id :
       {"", "R-", "R-2026-", "R-2026-12345", "R-2026-1234567890",
        "R-1999-000123", "R-3026-000123", "R-26-000123", "R-20266-000123",
        "r-2026-000123", "R_2026-000123", "R-2026-00012a", " R-2026-000123",
        "R-2026-000123 ", "R-2O26-000123", "R-2026-+00123", "H-2026-000123",
        "R 2026-000123", "R-20a6-000123"}) {
    EXPECT_FALSE(IsReferralId(id)) << id;
  }
  EXPECT_FALSE(IsHandoffId("R-2026-000042"));
  EXPECT_FALSE(IsHandoffId("H-1026-000042"));
}

TEST(HubIdsTest, FormatsWhatItAccepts) {
  EXPECT_EQ(FormatHubId(kReferralPrefix, 2026, 1), "R-2026-000001");
  EXPECT_EQ(FormatHubId(kReferralPrefix, 2026, 999999), "R-2026-999999");
  // Referral 1 000 000 of a year: every format must still take it.
  EXPECT_EQ(FormatHubId(kReferralPrefix, 2026, 1000000), "R-2026-1000000");
  EXPECT_EQ(FormatHubId(kHandoffPrefix, 2026, kMaxYearlyNumber),
            "H-2026-999999999");
  for (int64_t n :
       {int64_t{1}, int64_t{999999}, int64_t{1000000}, kMaxYearlyNumber}) {
    EXPECT_TRUE(IsReferralId(FormatHubId(kReferralPrefix, 2026, n))) << n;
  }
  EXPECT_EQ(ExampleHubId(kReferralPrefix), "R-2026-000123");
}

}  // namespace
}  // namespace rosa::ids
