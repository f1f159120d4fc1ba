#include "hub/users/user_desk.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"
#include "hub/users/password.h"
#include "hub/users/secret_token.h"
#include "hub/users/totp.h"

namespace rosa::users {
namespace {

namespace v1 = rosa::hub::v1;

absl::Status Audit(store::Connection& conn, const std::string& partner,
                   const std::string& name, const char* action,
                   absl::Time now) {
  v1::AuditEntry entry;
  entry.set_actor(partner);
  entry.set_actor_person(name);
  entry.set_action(action);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

absl::Status LinkNotFound() {
  return absl::NotFoundError(
      "enrolment link: unknown, already used or expired");
}

absl::Status LoginRefused() {
  return absl::PermissionDeniedError(
      "login: wrong user, password or one-time code, or the user is locked");
}

}  // namespace

absl::StatusOr<std::string> AddUser(store::Connection& conn,
                                    const PartnerRegistry& registry,
                                    const std::string& partner,
                                    const std::string& name, absl::Time now,
                                    absl::Duration link_lifetime) {
  if (registry.FindEnabled(partner) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("console user partner ", partner,
                     ": not a registered, enabled "
                     "partner"));
  }
  if (!audit::IsValidActorPerson(name)) {
    return absl::InvalidArgumentError(
        "console user name: must be a-z, 0-9, '.', '_', '-', 1 to 32 "
        "characters");
  }
  const std::string token = RandomToken(32);
  StoredUser user;
  user.partner = partner;
  user.name = name;
  user.state = UserState::kEnrolling;
  user.enrol_token_digest = TokenDigest(token);
  user.enrol_expires = now + link_lifetime;
  user.created = now;
  RETURN_IF_ERROR(InsertUser(conn, user));
  RETURN_IF_ERROR(Audit(conn, partner, name, "console.user.add", now));
  return token;
}

absl::Status DisableUser(store::Connection& conn, const std::string& partner,
                         const std::string& name, absl::Time now) {
  ASSIGN_OR_RETURN(StoredUser user, FindUser(conn, partner, name));
  user.state = UserState::kDisabled;
  user.enrol_token_digest.clear();
  RETURN_IF_ERROR(UpdateUser(conn, user));
  return Audit(conn, partner, name, "console.user.disable", now);
}

UserDesk::UserDesk(const PartnerRegistry* registry, store::Database* db,
                   const Clock* clock, Options options)
    : registry_(registry), db_(db), clock_(clock), options_(options) {}

absl::StatusOr<Enrolment> UserDesk::BeginEnrolment(const std::string& token) {
  Enrolment enrolment;
  RETURN_IF_ERROR(
      db_->writer().SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
        absl::StatusOr<StoredUser> user =
            FindUserByToken(txn.conn(), TokenDigest(token));
        if (!user.ok() || user->state != UserState::kEnrolling ||
            clock_->Now() >= user->enrol_expires) {
          return LinkNotFound();
        }
        // The same secret until it is confirmed: the page may be reloaded
        // after the secret went into the app.
        if (user->pending_totp_secret.empty()) {
          user->pending_totp_secret = NewTotpSecret();
          RETURN_IF_ERROR(UpdateUser(txn.conn(), *user));
        }
        enrolment = Enrolment{.partner = user->partner,
                              .name = user->name,
                              .totp_secret = user->pending_totp_secret};
        return absl::OkStatus();
      }));
  return enrolment;
}

absl::Status UserDesk::FinishEnrolment(const std::string& token,
                                       const std::string& password,
                                       const std::string& code) {
  RETURN_IF_ERROR(CheckNewPassword(password));
  // Hashing takes a while and much memory: not on the writer thread.
  ASSIGN_OR_RETURN(const std::string hash, HashPassword(password));
  return db_->writer().SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
    const absl::Time now = clock_->Now();
    absl::StatusOr<StoredUser> user =
        FindUserByToken(txn.conn(), TokenDigest(token));
    if (!user.ok() || user->state != UserState::kEnrolling ||
        now >= user->enrol_expires || user->pending_totp_secret.empty()) {
      return LinkNotFound();
    }
    ASSIGN_OR_RETURN(const int64_t step,
                     CheckTotp(user->pending_totp_secret, code, now, 0));
    user->state = UserState::kActive;
    user->enrol_token_digest.clear();
    user->password_hash = hash;
    user->totp_secret = std::move(user->pending_totp_secret);
    user->pending_totp_secret.clear();
    user->totp_last_step = step;
    RETURN_IF_ERROR(UpdateUser(txn.conn(), *user));
    return Audit(txn.conn(), user->partner, user->name, "console.user.enrol",
                 now);
  });
}

UserDesk::LoginOutcome UserDesk::Login(const std::string& partner,
                                       const std::string& name,
                                       const std::string& password,
                                       const std::string& code) {
  absl::StatusOr<StoredUser> user;
  absl::Status read = db_->readers().RunAndWait([&](store::Connection& conn) {
    user = FindUser(conn, partner, name);
    return absl::OkStatus();
  });
  const absl::Time now = clock_->Now();
  if (!read.ok() || !user.ok() || user->state != UserState::kActive ||
      registry_->FindEnabled(partner) == nullptr) {
    // As slow as a wrong password, so that timing tells nothing.
    static const std::string* const kDummyHash =
        new std::string(HashPassword("not a password of anyone").value_or(""));
    VerifyPassword(*kDummyHash, password);
    return {LoginRefused(), FailureDelay(1, options_.login)};
  }
  if (IsLocked(user->failures, now)) {
    return {LoginRefused(),
            FailureDelay(options_.login.lock_after, options_.login)};
  }
  const bool password_ok = VerifyPassword(user->password_hash, password);
  absl::StatusOr<int64_t> step =
      password_ok
          ? CheckTotp(user->totp_secret, code, now, user->totp_last_step)
          : absl::StatusOr<int64_t>(LoginRefused());
  int failed = 0;
  absl::Status written =
      db_->writer().SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
        // Read again inside the write: two logins at once count both.
        ASSIGN_OR_RETURN(StoredUser current,
                         FindUser(txn.conn(), partner, name));
        if (step.ok() && !IsLocked(current.failures, now) &&
            *step > current.totp_last_step) {
          current.failures = FailureRecord{};
          current.totp_last_step = *step;
          RETURN_IF_ERROR(UpdateUser(txn.conn(), current));
          return Audit(txn.conn(), partner, name, "console.login", now);
        }
        bool locked_now = false;
        current.failures =
            AfterFailure(current.failures, now, options_.login, &locked_now);
        failed = current.failures.failed;
        RETURN_IF_ERROR(UpdateUser(txn.conn(), current));
        RETURN_IF_ERROR(
            Audit(txn.conn(), partner, name, "console.login.failed", now));
        if (locked_now) {
          RETURN_IF_ERROR(
              Audit(txn.conn(), partner, name, "console.login.locked", now));
        }
        return absl::OkStatus();
      });
  if (!written.ok()) return {written, absl::ZeroDuration()};
  if (failed > 0) return {LoginRefused(), FailureDelay(failed, options_.login)};
  return {absl::OkStatus(), absl::ZeroDuration()};
}

absl::Status UserDesk::CheckActive(const std::string& partner,
                                   const std::string& name) {
  return ActingPartner(partner, name).status();
}

absl::StatusOr<Partner> UserDesk::ActingPartner(const std::string& partner,
                                                const std::string& name) {
  absl::StatusOr<StoredUser> user;
  RETURN_IF_ERROR(db_->readers().RunAndWait([&](store::Connection& conn) {
    user = FindUser(conn, partner, name);
    return absl::OkStatus();
  }));
  const Partner* registered = registry_->FindEnabled(partner);
  if (!user.ok() || user->state != UserState::kActive ||
      registered == nullptr) {
    return absl::NotFoundError("console user: not found or not active");
  }
  Partner acting = *registered;
  acting.person = name;
  return acting;
}

absl::StatusOr<std::string> UserDesk::Add(const std::string& partner,
                                          const std::string& name) {
  std::string token;
  RETURN_IF_ERROR(
      db_->writer().SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
        ASSIGN_OR_RETURN(token, AddUser(txn.conn(), *registry_, partner, name,
                                        clock_->Now(), kEnrolmentLinkLifetime));
        return absl::OkStatus();
      }));
  return token;
}

absl::Status UserDesk::Disable(const std::string& partner,
                               const std::string& name) {
  return db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return DisableUser(txn.conn(), partner, name, clock_->Now());
  });
}

absl::StatusOr<std::vector<StoredUser>> UserDesk::List() {
  std::vector<StoredUser> users;
  RETURN_IF_ERROR(
      db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        ASSIGN_OR_RETURN(users, ListUsers(conn));
        return absl::OkStatus();
      }));
  return users;
}

}  // namespace rosa::users
