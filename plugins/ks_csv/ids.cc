#include "plugins/ks_csv/ids.h"

#include <algorithm>

namespace rosa::plugin::ks_csv {

bool IsFacilityId(std::string_view id) {
  if (id.size() < 2 || id.size() > 63) return false;
  if (id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace rosa::plugin::ks_csv
