#include "hub/common/request_formats.h"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace rosa {

bool IsValidPersonRef(std::string_view ref) {
  if (!ref.starts_with("P-")) return false;
  ref.remove_prefix(2);
  if (ref.size() < 4 || ref.size() > 32) return false;
  return std::all_of(ref.begin(), ref.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return absl::ascii_isupper(u) || absl::ascii_isdigit(u);
  });
}

bool IsValidIdempotencyKey(std::string_view key) {
  if (key.empty() || key.size() > 128) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x21 && u <= 0x7E;
  });
}

}  // namespace rosa
