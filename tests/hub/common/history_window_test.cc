// The one window in which a record may have happened: kMaxHistoryYears
// calendar years back in Oslo, and not in the future.
#include "hub/common/history_window.h"

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

absl::Time Oslo(int y, int m, int d, int hh = 12) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), OsloTimeZone());
}

TEST(HistoryWindowTest, OldestIsTheSameMomentTwentyYearsBefore) {
  EXPECT_EQ(OldestAcceptedOccurrence(Oslo(2026, 6, 1)), Oslo(2006, 6, 1));
  EXPECT_EQ(OldestAcceptedOccurrence(Oslo(2028, 2, 29)), Oslo(2008, 2, 29));
  // Summer time then, winter time now: the same wall-clock moment in Oslo.
  EXPECT_EQ(OldestAcceptedOccurrence(Oslo(2026, 1, 15, 9)),
            Oslo(2006, 1, 15, 9));
}

TEST(HistoryWindowTest, OccurredAtIsInsideTheWindow) {
  const absl::Time now = Oslo(2026, 6, 1);
  EXPECT_TRUE(
      CheckOccurredAt("occurred_at", ToProtoTime(Oslo(2006, 6, 1)), now).ok());
  EXPECT_EQ(
      CheckOccurredAt("occurred_at",
                      ToProtoTime(Oslo(2006, 6, 1) - absl::Seconds(1)), now)
          .message(),
      "occurred_at: must be within the last 20 years");
  EXPECT_EQ(
      CheckOccurredAt("occurred_at", ToProtoTime(now + absl::Minutes(6)), now)
          .message(),
      "occurred_at: must not be in the future");
}

}  // namespace
}  // namespace rosa
