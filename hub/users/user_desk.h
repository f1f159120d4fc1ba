// The web console's people: adding a user (a one-time enrolment token),
// enrolment (password and TOTP), login (password + code, slowed and locked
// after failures), disabling, listing. Each change writes its audit entry
// in the same transaction: actor the user's partner, actor_person the
// user's name ("console.user.add", "console.user.enrol",
// "console.user.disable", "console.login", "console.login.failed",
// "console.login.locked").
//
// The functions on a connection serve `rosa-hub users` (which writes the
// database beside a running hub); UserDesk serves the console in the hub.
//
// Thread-safety: UserDesk's methods are safe from any thread except the
// store's own; they block on the store.
#ifndef ROSA_HUB_USERS_USER_DESK_H_
#define ROSA_HUB_USERS_USER_DESK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/text_vault.h"
#include "hub/store/database.h"
#include "hub/users/login_guard.h"
#include "hub/users/login_throttle.h"
#include "hub/users/user_store.h"

namespace rosa::users {

inline constexpr absl::Duration kEnrolmentLinkLifetime = absl::Hours(72);

// Adds partner/name, enrolling, and returns its one-time enrolment token
// (only its digest is stored). INVALID_ARGUMENT for a partner that is not
// registered and enabled or a name IsValidActorPerson refuses;
// ALREADY_EXISTS when taken. REQUIRES: inside a write transaction.
absl::StatusOr<std::string> AddUser(store::Connection& conn,
                                    const PartnerRegistry& registry,
                                    const std::string& partner,
                                    const std::string& name, absl::Time now,
                                    absl::Duration link_lifetime);
// Disables partner/name for good (its sessions end at their next request).
// REQUIRES: inside a write transaction.
absl::Status DisableUser(store::Connection& conn, const std::string& partner,
                         const std::string& name, absl::Time now);

// What the enrolment page shows: who is enrolling and the TOTP secret
// offered (raw bytes; see totp.h for base32 and the otpauth URI).
struct Enrolment {
  std::string partner;
  std::string name;
  std::string totp_secret;
};

class UserDesk {
 public:
  struct Options {
    LoginPolicy login;
  };
  // REQUIRES: every pointer outlives the desk.
  // TOTP secrets are sealed in `secrets` (text_vault.h, each user's own
  // data key wrapped by the KEK), never kept in console_users.
  // REQUIRES: everything outlives the desk.
  UserDesk(const PartnerRegistry* registry, store::Database* db,
           const TextVault* secrets, const Clock* clock, Options options);

  // A live, unused enrolment link: offers a TOTP secret (made on the first
  // visit, the same on later ones, kept as pending until FinishEnrolment).
  // NOT_FOUND for an unknown, used or expired token (one message for all
  // three).
  absl::StatusOr<Enrolment> BeginEnrolment(const std::string& token);
  // Sets the password (CheckNewPassword) and confirms the offered secret
  // with a first code; the token is then spent.
  absl::Status FinishEnrolment(const std::string& token,
                               const std::string& password,
                               const std::string& code);

  struct LoginOutcome {
    // OK, or PERMISSION_DENIED (one message for every reason).
    absl::Status status;
    // After a failure: how long until the account may try again
    // (login_throttle.h); attempts before then are refused at once.
    absl::Duration delay;
  };
  LoginOutcome Login(const std::string& partner, const std::string& name,
                     const std::string& password, const std::string& code);
  // OK iff partner/name is an active user of a registered, enabled
  // partner; NOT_FOUND otherwise.
  absl::Status CheckActive(const std::string& partner, const std::string& name);
  // The registered partner a user acts for, with its name as
  // Partner::person; NOT_FOUND unless CheckActive holds.
  absl::StatusOr<Partner> ActingPartner(const std::string& partner,
                                        const std::string& name);

  absl::StatusOr<std::string> Add(const std::string& partner,
                                  const std::string& name);
  absl::Status Disable(const std::string& partner, const std::string& name);
  absl::StatusOr<std::vector<StoredUser>> List();

 private:
  const PartnerRegistry* registry_;
  store::Database* db_;
  const TextVault* secrets_;
  const Clock* clock_;
  const Options options_;
  LoginThrottle throttle_;
};

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_USER_DESK_H_
