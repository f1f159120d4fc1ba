// Console passwords: stored only as Argon2id hashes (libsodium's
// crypto_pwhash_str, interactive limits: the hash string carries its salt
// and parameters), and the length rule a new password must meet.
//
// Each hash or check takes 64 MiB and a core for about 0.1 s, and anyone
// may ask for one (a login under a made-up name checks a dummy hash, so
// that timing tells nothing). So at most kHashSlots of them run at once in
// the process; the others wait for a slot. A flood of logins then costs
// the console's page threads their time, not the hub its memory and cores.
//
// Thread-safety: thread-safe.
#ifndef ROSA_HUB_USERS_PASSWORD_H_
#define ROSA_HUB_USERS_PASSWORD_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::users {

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordChars = 128;
// Argon2id computations at once (each 64 MiB).
inline constexpr int kHashSlots = 2;

// INVALID_ARGUMENT naming the rule (never the password) when `password` is
// shorter than kMinPasswordChars or longer than kMaxPasswordChars.
absl::Status CheckNewPassword(std::string_view password);
// "$argon2id$v=19$m=...". RESOURCE_EXHAUSTED if memory for it is lacking.
absl::StatusOr<std::string> HashPassword(std::string_view password);
// True iff `password` matches `hash` (false for a malformed hash).
bool VerifyPassword(const std::string& hash, std::string_view password);

// How many Argon2id computations run now (for tests): at most kHashSlots.
int HashesRunning();

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_PASSWORD_H_
