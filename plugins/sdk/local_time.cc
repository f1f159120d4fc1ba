#include "plugins/sdk/local_time.h"

#include <cctype>
#include <string>

#include "absl/strings/str_format.h"
#include "common/time_util.h"

namespace rosa::plugin {
namespace {

// Reads exactly `digits` ASCII digits at `pos`.
bool ReadNumber(std::string_view s, size_t pos, size_t digits, int& out) {
  if (pos + digits > s.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    value = value * 10 + (s[i] - '0');
  }
  out = value;
  return true;
}

bool ValidDay(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const absl::CivilDay day(y, m, d);
  return day.year() == y && day.month() == m && day.day() == d;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseNorwegianDate(std::string_view s) {
  int d, m, y;
  if (s.size() != 10 || s[2] != '.' || s[5] != '.' || !ReadNumber(s, 0, 2, d) ||
      !ReadNumber(s, 3, 2, m) || !ReadNumber(s, 6, 4, y)) {
    return absl::InvalidArgumentError("not a date of the form dd.mm.yyyy");
  }
  if (!ValidDay(y, m, d)) {
    return absl::InvalidArgumentError("not a calendar date");
  }
  return absl::CivilDay(y, m, d);
}

absl::StatusOr<absl::Time> ParseNorwegianDateTime(std::string_view s) {
  int hh, mm;
  if (s.size() != 16 || s[10] != ' ' || s[13] != ':' ||
      !ReadNumber(s, 11, 2, hh) || !ReadNumber(s, 14, 2, mm)) {
    return absl::InvalidArgumentError(
        "not a time of the form dd.mm.yyyy HH:MM");
  }
  auto day = ParseNorwegianDate(s.substr(0, 10));
  if (!day.ok()) return day.status();
  if (hh > 23 || mm > 59) {
    return absl::InvalidArgumentError("not a time of day");
  }
  const absl::CivilMinute civil(day->year(), day->month(), day->day(), hh, mm);
  const absl::TimeZone::TimeInfo info = OsloTimeZone().At(civil);
  if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) {
    return absl::InvalidArgumentError(
        "this local time does not exist in Europe/Oslo (summer time starts)");
  }
  // REPEATED: the first occurrence, before the clocks go back.
  return info.pre;
}

absl::StatusOr<absl::CivilDay> ParseIsoDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !ReadNumber(s, 0, 4, y) ||
      !ReadNumber(s, 5, 2, m) || !ReadNumber(s, 8, 2, d)) {
    return absl::InvalidArgumentError("not a date of the form yyyy-mm-dd");
  }
  if (!ValidDay(y, m, d)) {
    return absl::InvalidArgumentError("not a calendar date");
  }
  return absl::CivilDay(y, m, d);
}

absl::StatusOr<absl::Time> ParseRfc3339(std::string_view s) {
  // yyyy-mm-ddTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm)
  int hh, mi, ss;
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':' || !ReadNumber(s, 11, 2, hh) || !ReadNumber(s, 14, 2, mi) ||
      !ReadNumber(s, 17, 2, ss)) {
    return absl::InvalidArgumentError(
        "not an RFC 3339 time like 2026-11-28T09:00:00+01:00");
  }
  auto day = ParseIsoDate(s.substr(0, 10));
  if (!day.ok()) return day.status();
  if (hh > 23 || mi > 59 || ss > 59) {
    return absl::InvalidArgumentError("not a time of day");
  }
  size_t pos = 19;
  absl::Duration fraction;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100000000;  // nanoseconds per first fraction digit
    const size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (scale > 0) fraction += absl::Nanoseconds((s[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
    if (pos == start || pos - start > 9) {
      return absl::InvalidArgumentError("bad fraction of a second");
    }
  }
  absl::Duration offset;
  const std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset = absl::ZeroDuration();
  } else {
    int oh, om;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
        zone[3] != ':' || !ReadNumber(zone, 1, 2, oh) ||
        !ReadNumber(zone, 4, 2, om) || oh > 23 || om > 59) {
      return absl::InvalidArgumentError(
          "the time needs an offset such as +01:00 or Z");
    }
    offset = absl::Hours(oh) + absl::Minutes(om);
    if (zone[0] == '-') offset = -offset;
  }
  const absl::CivilSecond civil(day->year(), day->month(), day->day(), hh, mi,
                                ss);
  return absl::FromCivil(civil, absl::UTCTimeZone()) - offset + fraction;
}

std::string FormatNorwegianDateTime(absl::Time t) {
  return absl::FormatTime("%d.%m.%Y %H:%M", t, OsloTimeZone());
}

std::string FormatRfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, OsloTimeZone());
}

std::string FormatIsoDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace rosa::plugin
