#include "hub/consent/pseudonym.h"

#include <openssl/rand.h>

#include <array>

#include "absl/strings/ascii.h"

namespace rosa {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
// The largest multiple of 36 below 256: bytes at or above it are redrawn,
// so that every character is equally likely.
constexpr unsigned kLimit = 252;

bool IsIdChar(char c) {
  return absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
         (c >= 'A' && c <= 'Z');
}

}  // namespace

absl::StatusOr<std::string> NewPseudonym(std::string_view prefix) {
  std::string id(prefix);
  while (id.size() < prefix.size() + kPseudonymLength) {
    std::array<unsigned char, 32> bytes;
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      return absl::InternalError("RAND_bytes failed");
    }
    for (unsigned char b : bytes) {
      if (b >= kLimit) continue;
      id.push_back(kAlphabet[b % kAlphabet.size()]);
      if (id.size() == prefix.size() + kPseudonymLength) break;
    }
  }
  return id;
}

bool IsPseudonym(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + kPseudonymLength ||
      !id.starts_with(prefix)) {
    return false;
  }
  for (char c : id.substr(prefix.size())) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

}  // namespace rosa
