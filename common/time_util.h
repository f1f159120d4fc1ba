// Conversions between absl::Time, google.protobuf.Timestamp and the integer
// microseconds the store keeps. Thread-safe: pure functions.
#ifndef ROSA_COMMON_TIME_UTIL_H_
#define ROSA_COMMON_TIME_UTIL_H_

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace rosa {

google::protobuf::Timestamp ToProtoTime(absl::Time t);
absl::Time FromProtoTime(const google::protobuf::Timestamp& ts);

// Microseconds since the Unix epoch: how times are stored in SQLite.
int64_t ToUnixMicrosStored(absl::Time t);
absl::Time FromUnixMicrosStored(int64_t micros);

// True when `reported` is before `earlier` even at the whole minute, the
// finest resolution some partner formats have ("dd.mm.yyyy HH:MM"): a
// centre that receives a referral sent at 09:40:30 and logs "09:40" has
// not reported a step before the referral was sent.
inline bool BeforeAtMinuteResolution(absl::Time reported, absl::Time earlier) {
  return reported < absl::UnixEpoch() + absl::Floor(earlier - absl::UnixEpoch(),
                                                    absl::Minutes(1));
}

// The hub's civil time zone, Europe/Oslo (falls back to UTC if the system
// has no tzdata, which the set-up script installs).
const absl::TimeZone& OsloTimeZone();

}  // namespace rosa

#endif  // ROSA_COMMON_TIME_UTIL_H_
