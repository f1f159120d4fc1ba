#include "hub/users/password.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"

namespace rosa::users {

absl::Status CheckNewPassword(std::string_view password) {
  if (password.size() < kMinPasswordChars ||
      password.size() > kMaxPasswordChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("password: must be ", kMinPasswordChars, " to ",
                     kMaxPasswordChars, " characters"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return absl::InternalError("libsodium: no init");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return absl::ResourceExhaustedError("password hash: out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

}  // namespace rosa::users
