// Random secrets for the web console's people: enrolment tokens, session
// ids and CSRF tokens (libsodium's CSPRNG), their stored digest, and a
// comparison that takes the same time whatever the bytes.
// Thread-safety: pure functions; libsodium is initialised on first use.
#ifndef ROSA_HUB_USERS_SECRET_TOKEN_H_
#define ROSA_HUB_USERS_SECRET_TOKEN_H_

#include <string>
#include <string_view>

namespace rosa::users {

// `bytes` random bytes as lower-case hex (2 * bytes characters).
std::string RandomToken(size_t bytes = 32);
// `bytes` random bytes.
std::string RandomBytes(size_t bytes);
// What the store keeps of a token: its SHA-256 in hex.
std::string TokenDigest(std::string_view token);
// True iff a == b, in time that depends only on their lengths.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_SECRET_TOKEN_H_
