// The one home of the checks every request's google.protobuf.Timestamp
// field gets: within the type's own range (years 1 to 9999, nanos
// 0 to 999 999 999), and not later than the hub's clock beyond a partner's
// clock running slightly fast (kMaxClockSkew). Errors are INVALID_ARGUMENT
// "<field>.seconds: ...", "<field>.nanos: ..." or "<field>: ...", naming
// the field, never the value. Thread-safe: pure functions.
#ifndef ROSA_HUB_COMMON_TIMESTAMP_CHECK_H_
#define ROSA_HUB_COMMON_TIMESTAMP_CHECK_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace rosa {

// How far ahead of the hub's clock a partner's timestamp may be.
inline constexpr absl::Duration kMaxClockSkew = absl::Minutes(5);

// `ts` is a valid google.protobuf.Timestamp.
absl::Status CheckTimestamp(std::string_view field,
                            const google::protobuf::Timestamp& ts);

// `ts` is a valid timestamp and at most kMaxClockSkew after `now`.
absl::Status CheckNotInFuture(std::string_view field,
                              const google::protobuf::Timestamp& ts,
                              absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_TIMESTAMP_CHECK_H_
