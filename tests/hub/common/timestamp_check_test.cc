// Every request timestamp's one check: the type's range, and not in the
// future beyond kMaxClockSkew; errors name the field, never the value.
#include "hub/common/timestamp_check.h"

#include "common/time_util.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1780000000);

google::protobuf::Timestamp Ts(int64_t seconds, int32_t nanos = 0) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(seconds);
  ts.set_nanos(nanos);
  return ts;
}

TEST(TimestampCheckTest, TheTypesRangeNamesTheSubfield) {
  EXPECT_TRUE(CheckTimestamp("at", Ts(-62135596800)).ok());
  EXPECT_TRUE(CheckTimestamp("at", Ts(253402300799, 999999999)).ok());
  EXPECT_EQ(CheckTimestamp("at", Ts(-62135596801)).message(),
            "at.seconds: must be within the years 1 to 9999");
  EXPECT_EQ(CheckTimestamp("at", Ts(253402300800)).message(),
            "at.seconds: must be within the years 1 to 9999");
  EXPECT_EQ(CheckTimestamp("at", Ts(0, -1)).message(),
            "at.nanos: must be 0 to 999999999");
  EXPECT_EQ(CheckTimestamp("at", Ts(0, 1000000000)).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TimestampCheckTest, TheFutureBeyondTheSkewIsRefused) {
  EXPECT_TRUE(
      CheckNotInFuture("given_at", ToProtoTime(kNow + kMaxClockSkew), kNow)
          .ok());
  const absl::Status late = CheckNotInFuture(
      "given_at", ToProtoTime(kNow + kMaxClockSkew + absl::Seconds(1)), kNow);
  EXPECT_EQ(late.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(late.message(), "given_at: must not be in the future");
  EXPECT_EQ(CheckNotInFuture("given_at", Ts(0, -1), kNow).message(),
            "given_at.nanos: must be 0 to 999999999");
}

}  // namespace
}  // namespace rosa
