#include "hub/common/history_window.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"

namespace rosa {
namespace {

// google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
constexpr int32_t kMaxTimestampNanos = 999999999;

}  // namespace

absl::Time OldestAcceptedOccurrence(absl::Time now) {
  const absl::TimeZone& oslo = OsloTimeZone();
  const absl::CivilSecond c = absl::ToCivilSecond(now, oslo);
  return absl::FromCivil(
      absl::CivilSecond(c.year() - kMaxHistoryYears, c.month(), c.day(),
                        c.hour(), c.minute(), c.second()),
      oslo);
}

absl::Status CheckOccurredAt(const std::string& field,
                             const google::protobuf::Timestamp& ts,
                             absl::Time now) {
  if (ts.seconds() < kMinTimestampSeconds ||
      ts.seconds() > kMaxTimestampSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".seconds: must be within the years 1 to 9999"));
  }
  if (ts.nanos() < 0 || ts.nanos() > kMaxTimestampNanos) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".nanos: must be 0 to 999999999"));
  }
  const absl::Time occurred = FromProtoTime(ts);
  if (occurred > now + kFutureClockSkew) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must not be in the future"));
  }
  if (occurred < OldestAcceptedOccurrence(now)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be within the last ", kMaxHistoryYears, " years"));
  }
  return absl::OkStatus();
}

}  // namespace rosa
