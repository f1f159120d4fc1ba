#include "common/name_rule.h"

#include <algorithm>

namespace rosa {

bool IsValidName(std::string_view name) {
  return name.size() >= 2 && name.size() <= 63 && name.front() != '-' &&
         name.back() != '-' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

}  // namespace rosa
