#include "hub/common/timestamp_check.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"

namespace rosa {
namespace {

// google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
constexpr int32_t kMaxTimestampNanos = 999999999;

}  // namespace

absl::Status CheckTimestamp(std::string_view field,
                            const google::protobuf::Timestamp& ts) {
  // Debian's abseil has its own absl::string_view: build from std::string.
  const std::string name(field);
  if (ts.seconds() < kMinTimestampSeconds ||
      ts.seconds() > kMaxTimestampSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ".seconds: must be within the years 1 to 9999"));
  }
  if (ts.nanos() < 0 || ts.nanos() > kMaxTimestampNanos) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ".nanos: must be 0 to 999999999"));
  }
  return absl::OkStatus();
}

absl::Status CheckNotInFuture(std::string_view field,
                              const google::protobuf::Timestamp& ts,
                              absl::Time now) {
  if (absl::Status s = CheckTimestamp(field, ts); !s.ok()) return s;
  if (FromProtoTime(ts) > now + kMaxClockSkew) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), ": must not be in the future"));
  }
  return absl::OkStatus();
}

}  // namespace rosa
