// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits,
// computed by liboath), the second factor of every console login. A code
// is accepted for the step before, the current and the step after (clock
// drift), and each step's code only once: the caller keeps the last step
// used and passes it back.
// Thread-safety: pure functions (liboath is initialised once, safely).
#ifndef ROSA_HUB_USERS_TOTP_H_
#define ROSA_HUB_USERS_TOTP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa::users {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr size_t kTotpSecretBytes = 20;

// A fresh random secret (kTotpSecretBytes raw bytes).
std::string NewTotpSecret();
// RFC 4648 base32 without padding, as authenticator apps take it.
std::string Base32Secret(std::string_view secret);
// The raw secret of a base32 text (as Base32Secret writes it, padding
// optional); INVALID_ARGUMENT when it is not base32.
absl::StatusOr<std::string> DecodeBase32Secret(std::string_view base32);
// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&digits=6&period=30
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret);
// The step number of time `t`.
int64_t TotpStep(absl::Time t);
// The code for `secret` at time `t`.
std::string TotpCode(std::string_view secret, absl::Time t);
// The step whose code `code` is (within one step of `now`, later than
// `last_used_step`). PERMISSION_DENIED otherwise; the message names no
// code.
absl::StatusOr<int64_t> CheckTotp(std::string_view secret,
                                  std::string_view code, absl::Time now,
                                  int64_t last_used_step);

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_TOTP_H_
