#include "plugins/ks_csv/ids.h"

#include <algorithm>

namespace rosa::plugin::ks_csv {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool IsFacilityId(std::string_view id) {
  if (id.size() < 2 || id.size() > 63) return false;
  if (id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsReferralId(std::string_view id) {
  // The hub numbers referrals with at least six digits and may need more.
  if (id.size() < 13 || id.size() > 16) return false;
  if (!id.starts_with("R-") || id[6] != '-') return false;
  return AllDigits(id.substr(2, 4)) && id[2] == '2' && AllDigits(id.substr(7));
}

}  // namespace rosa::plugin::ks_csv
