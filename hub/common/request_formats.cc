#include "hub/common/request_formats.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "hub/common/field_error.h"

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

absl::Status CheckIdempotencyKey(std::string_view key) {
  if (key.empty()) return InvalidField("idempotency_key", "required");
  if (IsValidIdempotencyKey(key)) return absl::OkStatus();
  return InvalidField("idempotency_key",
                      "must be 1 to 128 printable ASCII characters");
}

absl::Status CheckPageRequest(int page_size, std::string_view page_token) {
  if (page_size < 0 || page_size > kMaxPageSize) {
    return InvalidField("page_size",
                        "must be 0 to " + std::to_string(kMaxPageSize));
  }
  if (page_token.size() > kMaxPageTokenBytes) {
    return InvalidField(
        "page_token",
        "at most " + std::to_string(kMaxPageTokenBytes) + " bytes");
  }
  return absl::OkStatus();
}

}  // namespace rosa
