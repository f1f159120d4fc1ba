#include "common/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace rosa {

std::string Sha256(std::string_view data) {
  std::string digest(32, '\0');
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(),
                 reinterpret_cast<unsigned char*>(digest.data()), &len,
                 EVP_sha256(), nullptr) != 1 ||
      len != digest.size()) {
    // Only an OpenSSL that cannot hash at all gets here; going on would
    // make idempotency and audit checks meaningless.
    std::abort();
  }
  return digest;
}

std::string Sha256Hex(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : Sha256(data)) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return hex;
}

}  // namespace rosa
