#include "hub/store/page_token.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace rosa::store {
namespace {

constexpr std::string_view kPrefix = "v1.";

}  // namespace

std::string EncodePageToken(int64_t seq) {
  return absl::StrCat(std::string(kPrefix), seq);
}

absl::StatusOr<int64_t> DecodePageToken(std::string_view token) {
  if (token.empty()) return 0;
  const std::string_view digits =
      token.starts_with(kPrefix) ? token.substr(kPrefix.size()) : "";
  // Only what EncodePageToken writes: SimpleAtoi alone would also take
  // signs and spaces.
  const bool all_digits =
      !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      });
  int64_t seq = 0;
  // SimpleAtoi takes an absl::string_view, which in Debian's abseil is not
  // std::string_view: pass a std::string. It fails on overflow.
  if (!all_digits || !absl::SimpleAtoi(std::string(digits), &seq)) {
    return absl::InvalidArgumentError(
        "page_token: not a token this hub handed out");
  }
  return seq;
}

}  // namespace rosa::store
