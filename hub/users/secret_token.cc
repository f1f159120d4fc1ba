#include "hub/users/secret_token.h"

#include <sodium.h>

#include <cstdlib>

#include "common/sha256.h"

namespace rosa::users {

std::string RandomBytes(size_t bytes) {
  // sodium_init is idempotent and thread-safe; it fails only without an
  // entropy source, and then nothing secret can be made.
  if (sodium_init() < 0) std::abort();
  std::string out(bytes, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string RandomToken(size_t bytes) {
  const std::string raw = RandomBytes(bytes);
  std::string hex(2 * bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(),
                 reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string TokenDigest(std::string_view token) { return Sha256Hex(token); }

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rosa::users
