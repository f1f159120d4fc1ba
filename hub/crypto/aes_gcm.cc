// AES-256-GCM with the OpenSSL 3 EVP interface. The cipher context lives
// in a std::unique_ptr (EVP_CIPHER_CTX_free wipes the key schedule).
// OpenSSL's error queue is cleared after a failure and never copied into a
// status: messages name the operation only.
#include "hub/crypto/aes_gcm.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstring>
#include <memory>

#include "absl/status/status.h"

namespace rosa::crypto {
namespace {

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

absl::Status SealFailed() {
  ERR_clear_error();
  return absl::InternalError("AES-256-GCM: encryption failed");
}

// A context set up for AES-256-GCM with a 12-byte nonce, or null.
CipherCtxPtr NewContext(bool encrypt, std::string_view key,
                        std::string_view nonce) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr,
                        encrypt ? 1 : 0) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(kAesGcmNonceSize), nullptr) != 1 ||
      EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(nonce),
                        encrypt ? 1 : 0) != 1) {
    return nullptr;
  }
  return ctx;
}

// Feeds `associated_data` to the authenticator.
bool AddAssociatedData(EVP_CIPHER_CTX* ctx, std::string_view ad) {
  if (ad.empty()) return true;
  int len = 0;
  return EVP_CipherUpdate(ctx, nullptr, &len, Bytes(ad),
                          static_cast<int>(ad.size())) == 1 &&
         len == static_cast<int>(ad.size());
}

// Runs the cipher over `in` into `out` (same length).
bool Process(EVP_CIPHER_CTX* ctx, std::string_view in, unsigned char* out) {
  if (in.empty()) return true;
  int len = 0;
  return EVP_CipherUpdate(ctx, out, &len, Bytes(in),
                          static_cast<int>(in.size())) == 1 &&
         len == static_cast<int>(in.size());
}

}  // namespace

absl::Status OpenFailedError() {
  ERR_clear_error();
  return absl::InvalidArgumentError("AES-256-GCM: decryption failed");
}

absl::StatusOr<std::string> SealWithNonce(std::string_view key,
                                          std::string_view nonce,
                                          std::string_view plaintext,
                                          std::string_view associated_data) {
  if (key.size() != kAesGcmKeySize) {
    return absl::InvalidArgumentError("AES-256-GCM: key must be 32 bytes");
  }
  if (nonce.size() != kAesGcmNonceSize) {
    return absl::InvalidArgumentError("AES-256-GCM: nonce must be 12 bytes");
  }
  if (plaintext.size() > kAesGcmMaxInputSize ||
      associated_data.size() > kAesGcmMaxInputSize) {
    return absl::InvalidArgumentError("AES-256-GCM: input too large");
  }
  std::string sealed(kAesGcmOverhead + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  std::memcpy(out, nonce.data(), kAesGcmNonceSize);
  unsigned char* ciphertext = out + kAesGcmNonceSize;
  unsigned char* tag = ciphertext + plaintext.size();

  CipherCtxPtr ctx = NewContext(/*encrypt=*/true, key, nonce);
  int final_len = 0;
  if (!ctx || !AddAssociatedData(ctx.get(), associated_data) ||
      !Process(ctx.get(), plaintext, ciphertext) ||
      EVP_EncryptFinal_ex(ctx.get(), tag, &final_len) != 1 || final_len != 0 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG,
                          static_cast<int>(kAesGcmTagSize), tag) != 1) {
    return SealFailed();
  }
  return sealed;
}

absl::StatusOr<std::string> Seal(std::string_view key,
                                 std::string_view plaintext,
                                 std::string_view associated_data) {
  std::array<unsigned char, kAesGcmNonceSize> nonce;
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    return SealFailed();
  }
  return SealWithNonce(
      key,
      std::string_view(reinterpret_cast<const char*>(nonce.data()),
                       nonce.size()),
      plaintext, associated_data);
}

absl::StatusOr<std::string> Open(std::string_view key, std::string_view sealed,
                                 std::string_view associated_data) {
  // Anything shorter than nonce + full tag is refused outright; a truncated
  // tag can therefore never be accepted.
  if (key.size() != kAesGcmKeySize || sealed.size() < kAesGcmOverhead ||
      sealed.size() - kAesGcmOverhead > kAesGcmMaxInputSize ||
      associated_data.size() > kAesGcmMaxInputSize) {
    return OpenFailedError();
  }
  const std::string_view nonce = sealed.substr(0, kAesGcmNonceSize);
  const std::string_view ciphertext =
      sealed.substr(kAesGcmNonceSize, sealed.size() - kAesGcmOverhead);
  // EVP_CTRL_GCM_SET_TAG wants a mutable buffer.
  std::array<unsigned char, kAesGcmTagSize> tag;
  std::memcpy(tag.data(), sealed.data() + sealed.size() - kAesGcmTagSize,
              kAesGcmTagSize);

  std::string plaintext(ciphertext.size(), '\0');
  CipherCtxPtr ctx = NewContext(/*encrypt=*/false, key, nonce);
  std::array<unsigned char, 16> final_out;  // GCM emits nothing here.
  int final_len = 0;
  if (!ctx || !AddAssociatedData(ctx.get(), associated_data) ||
      !Process(ctx.get(), ciphertext,
               reinterpret_cast<unsigned char*>(plaintext.data())) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG,
                          static_cast<int>(kAesGcmTagSize), tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), final_out.data(), &final_len) != 1 ||
      final_len != 0) {
    // The buffer holds unauthenticated plaintext: never let it out.
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return OpenFailedError();
  }
  return plaintext;
}

}  // namespace rosa::crypto
