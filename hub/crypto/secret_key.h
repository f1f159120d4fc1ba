// SecretKey: a 256-bit symmetric key held in a fixed buffer that is wiped
// with OPENSSL_cleanse when the key is destroyed, and when it is moved from
// (the moved-from key is all zero). Copying is disabled so that key bytes
// are not duplicated by accident; the only way out is bytes(), which
// callers hand straight to OpenSSL.
//
// Thread-safety: a const SecretKey may be read from any number of threads;
// moving or destroying it needs exclusive access.
#ifndef ROSA_HUB_CRYPTO_SECRET_KEY_H_
#define ROSA_HUB_CRYPTO_SECRET_KEY_H_

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::crypto {

class SecretKey {
 public:
  static constexpr size_t kSize = 32;

  // A fresh key from OpenSSL's CSPRNG (RAND_bytes).
  static absl::StatusOr<SecretKey> Random() {
    SecretKey key;
    if (RAND_bytes(key.bytes_.data(), static_cast<int>(kSize)) != 1) {
      return absl::InternalError("RAND_bytes failed");
    }
    return key;
  }

  // A key with a copy of `bytes`. The caller wipes its own copy.
  // REQUIRES: bytes.size() == kSize (else INVALID_ARGUMENT).
  static absl::StatusOr<SecretKey> FromBytes(std::string_view bytes) {
    if (bytes.size() != kSize) {
      return absl::InvalidArgumentError("a key must be 32 bytes");
    }
    SecretKey key;
    std::memcpy(key.bytes_.data(), bytes.data(), kSize);
    return key;
  }

  SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_) { other.Wipe(); }
  SecretKey& operator=(SecretKey&& other) noexcept {
    if (this != &other) {
      bytes_ = other.bytes_;
      other.Wipe();
    }
    return *this;
  }
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey() { Wipe(); }

  // The raw key; valid while *this is alive and not moved from.
  std::string_view bytes() const {
    return std::string_view(reinterpret_cast<const char*>(bytes_.data()),
                            kSize);
  }

  // Constant-time comparison.
  bool Equals(const SecretKey& other) const {
    return CRYPTO_memcmp(bytes_.data(), other.bytes_.data(), kSize) == 0;
  }

 private:
  SecretKey() { bytes_.fill(0); }
  void Wipe() { OPENSSL_cleanse(bytes_.data(), kSize); }

  std::array<unsigned char, kSize> bytes_;
};

}  // namespace rosa::crypto

#endif  // ROSA_HUB_CRYPTO_SECRET_KEY_H_
