// The one window of time in which a record may have happened: ROSA moves
// years of existing journals into the hub, so every record type (journal
// records, hotline inquiries) accepts an occurred_at up to
// kMaxHistoryYears calendar years (in Oslo) back, and none in the future
// beyond a partner's clock running slightly fast (kMaxClockSkew).
// Thread-safe: pure functions.
#ifndef ROSA_HUB_COMMON_HISTORY_WINDOW_H_
#define ROSA_HUB_COMMON_HISTORY_WINDOW_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "hub/common/timestamp_check.h"

namespace rosa {

// Older records are outside what ROSA keeps, and most likely a wrong year.
inline constexpr int kMaxHistoryYears = 20;

// The earliest occurred_at accepted at `now`: the same moment
// kMaxHistoryYears calendar years before, in Oslo (29 February falls to
// 1 March).
absl::Time OldestAcceptedOccurrence(absl::Time now);

// `ts` is a valid timestamp, at most kMaxClockSkew after `now` and not
// before OldestAcceptedOccurrence(now). Errors are INVALID_ARGUMENT
// "<field>: <reason>" (or "<field>.seconds" / ".nanos"), never the value.
absl::Status CheckOccurredAt(const std::string& field,
                             const google::protobuf::Timestamp& ts,
                             absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_HISTORY_WINDOW_H_
