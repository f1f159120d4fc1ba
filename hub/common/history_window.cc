#include "hub/common/history_window.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "hub/common/timestamp_check.h"

namespace rosa {
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
  if (absl::Status s = CheckNotInFuture(field, ts, now); !s.ok()) return s;
  if (FromProtoTime(ts) < OldestAcceptedOccurrence(now)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be within the last ", kMaxHistoryYears, " years"));
  }
  return absl::OkStatus();
}

}  // namespace rosa
