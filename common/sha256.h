// SHA-256 (OpenSSL EVP) over bytes. Thread-safe: pure function.
#ifndef ROSA_COMMON_SHA256_H_
#define ROSA_COMMON_SHA256_H_

#include <string>
#include <string_view>

namespace rosa {

// The 32-byte digest of `data`.
std::string Sha256(std::string_view data);

// The digest of `data` in lower-case hex (64 characters).
std::string Sha256Hex(std::string_view data);

}  // namespace rosa

#endif  // ROSA_COMMON_SHA256_H_
