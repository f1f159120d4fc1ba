// AES-256-GCM authenticated encryption (OpenSSL 3 EVP) for data at rest.
//
// Sealed format: nonce (12 bytes) || ciphertext || tag (16 bytes). The
// ciphertext is as long as the plaintext. Seal draws a fresh random nonce
// from RAND_bytes on every call; with random 96-bit nonces one key must not
// seal more than 2^32 messages (NIST SP 800-38D, 8.3), far above what one
// person's data key or the key-encryption key will ever seal.
//
// Open accepts only a full 16-byte tag and fails with one generic
// INVALID_ARGUMENT status on every failure (wrong key, wrong associated
// data, tampering, truncation, bad sizes), so the caller learns nothing
// from the error, and no error message ever holds key, plaintext or
// associated data. A failed Open wipes whatever it had decrypted.
//
// Thread-safety: all functions are thread-safe (no shared state).
#ifndef ROSA_HUB_CRYPTO_AES_GCM_H_
#define ROSA_HUB_CRYPTO_AES_GCM_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::crypto {

inline constexpr size_t kAesGcmKeySize = 32;
inline constexpr size_t kAesGcmNonceSize = 12;
inline constexpr size_t kAesGcmTagSize = 16;
inline constexpr size_t kAesGcmOverhead = kAesGcmNonceSize + kAesGcmTagSize;
// Largest plaintext or associated data accepted (OpenSSL takes int sizes).
inline constexpr size_t kAesGcmMaxInputSize = size_t{1} << 30;

// Encrypts and authenticates `plaintext`, and authenticates (without
// encrypting) `associated_data`, under a fresh random nonce.
// REQUIRES: key.size() == kAesGcmKeySize; plaintext and associated_data
// no larger than kAesGcmMaxInputSize (else INVALID_ARGUMENT).
absl::StatusOr<std::string> Seal(std::string_view key,
                                 std::string_view plaintext,
                                 std::string_view associated_data);

// The plaintext of a value from Seal (or SealWithNonce), if `sealed` is
// authentic under `key` and `associated_data`; else the generic error.
absl::StatusOr<std::string> Open(std::string_view key, std::string_view sealed,
                                 std::string_view associated_data);

// The one status Open returns on any failure, for callers that must fail
// the same way.
absl::Status OpenFailedError();

// Seal with a caller-chosen nonce. FOR KNOWN-ANSWER TESTS ONLY: production
// code must never pass its own nonce; reusing a nonce under one key
// reveals the XOR of the plaintexts and lets anyone forge tags. Use Seal.
// REQUIRES: as Seal, and nonce.size() == kAesGcmNonceSize.
absl::StatusOr<std::string> SealWithNonce(std::string_view key,
                                          std::string_view nonce,
                                          std::string_view plaintext,
                                          std::string_view associated_data);

}  // namespace rosa::crypto

#endif  // ROSA_HUB_CRYPTO_AES_GCM_H_
