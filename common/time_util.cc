#include "common/time_util.h"

namespace rosa {

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --seconds;
  }
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(rem * 1000));
  return ts;
}

absl::Time FromProtoTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

int64_t ToUnixMicrosStored(absl::Time t) { return absl::ToUnixMicros(t); }

absl::Time FromUnixMicrosStored(int64_t micros) {
  return absl::FromUnixMicros(micros);
}

const absl::TimeZone& OsloTimeZone() {
  static const absl::TimeZone* const zone = [] {
    auto* tz = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/Oslo", tz)) *tz = absl::UTCTimeZone();
    return tz;
  }();
  return *zone;
}

}  // namespace rosa
