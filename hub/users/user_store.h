// The table console_users: the web console's people, each a named member
// of one partner ("ks-oslo/kari"). It keeps the digest of the one-time
// enrolment token (never the token), the Argon2id hash of the password
// (never the password), the last TOTP step used, and the failed-login
// record (login_guard.h). The TOTP secret is not here: UserDesk seals it
// in the text vault.
// Thread-safety: functions take the calling thread's connection; writes
// run inside the caller's write transaction.
#ifndef ROSA_HUB_USERS_USER_STORE_H_
#define ROSA_HUB_USERS_USER_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"
#include "hub/users/login_guard.h"

namespace rosa::users {

enum class UserState : int {
  kEnrolling = 1,  // Added; waits for its enrolment link to be used.
  kActive = 2,
  kDisabled = 3,
};

// "enrolling", "active", "disabled".
const char* UserStateName(UserState state);

struct StoredUser {
  std::string partner;
  std::string name;
  UserState state = UserState::kEnrolling;
  std::string enrol_token_digest;
  absl::Time enrol_expires = absl::InfinitePast();
  std::string password_hash;
  int64_t totp_last_step = 0;
  FailureRecord failures;
  absl::Time created = absl::InfinitePast();
};

// ALREADY_EXISTS when partner/name is taken.
absl::Status InsertUser(store::Connection& conn, const StoredUser& user);
// NOT_FOUND when there is none.
absl::StatusOr<StoredUser> FindUser(store::Connection& conn,
                                    const std::string& partner,
                                    const std::string& name);
absl::StatusOr<StoredUser> FindUserByToken(store::Connection& conn,
                                           const std::string& token_digest);
// Writes every mutable column of `user` (state, token, hash, step,
// failures); NOT_FOUND when it is not there.
absl::Status UpdateUser(store::Connection& conn, const StoredUser& user);
// Every user, by partner then name.
absl::StatusOr<std::vector<StoredUser>> ListUsers(store::Connection& conn);

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_USER_STORE_H_
