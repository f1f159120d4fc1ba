#include "common/hub_ids.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace rosa::ids {
namespace {

constexpr size_t kMinDigits = 6;
constexpr size_t kMaxDigits = 9;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool IsHubId(std::string_view id, char prefix) {
  // prefix, '-', 4-digit year, '-', digits.
  constexpr size_t kHead = 7;
  if (id.size() < kHead + kMinDigits || id.size() > kHead + kMaxDigits) {
    return false;
  }
  if (id[0] != prefix || id[1] != '-' || id[6] != '-') return false;
  const std::string_view year = id.substr(2, 4);
  return AllDigits(year) && year[0] == '2' && AllDigits(id.substr(kHead));
}

std::string FormatHubId(char prefix, int year, int64_t number) {
  return absl::StrFormat("%c-%04d-%06d", prefix, year, number);
}

std::string ExampleHubId(char prefix) { return FormatHubId(prefix, 2026, 123); }

}  // namespace rosa::ids
