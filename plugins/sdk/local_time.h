// The date and time notations partner formats use, parsed strictly. Local
// times without an offset are Europe/Oslo time: a time that does not exist
// (the hour skipped when summer time starts) is an error, and a time that
// occurs twice (the hour repeated when it ends) means the first of the two.
// Thread-safe: pure functions.
#ifndef ROSA_PLUGINS_SDK_LOCAL_TIME_H_
#define ROSA_PLUGINS_SDK_LOCAL_TIME_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace rosa::plugin {

// "dd.mm.yyyy HH:MM", Oslo time.
absl::StatusOr<absl::Time> ParseNorwegianDateTime(std::string_view text);

// "dd.mm.yyyy".
absl::StatusOr<absl::CivilDay> ParseNorwegianDate(std::string_view text);

// "2026-11-28T09:00:00+01:00": RFC 3339 with a required offset (or "Z").
absl::StatusOr<absl::Time> ParseRfc3339(std::string_view text);

// "2026-11-28": ISO 8601 calendar date.
absl::StatusOr<absl::CivilDay> ParseIsoDate(std::string_view text);

// Renders for partner formats.
std::string FormatNorwegianDateTime(absl::Time t);  // Oslo time
std::string FormatRfc3339(absl::Time t);            // Oslo offset
std::string FormatIsoDate(absl::CivilDay day);

}  // namespace rosa::plugin

#endif  // ROSA_PLUGINS_SDK_LOCAL_TIME_H_
