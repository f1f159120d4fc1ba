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

// Where a user's TOTP secrets are sealed: an object of its own in the
// text vault (':' is in neither a partner id nor a name).
constexpr char kTotpField[] = "totp";
constexpr char kPendingTotpField[] = "pending_totp";
std::string SecretsOf(const StoredUser& user) {
  return absl::StrCat("console-user:", user.partner, ":", user.name);
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
                   const TextVault* secrets, const Clock* clock,
                   Options options)
    : registry_(registry),
      db_(db),
      secrets_(secrets),
      clock_(clock),
      options_(options) {}

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
        ASSIGN_OR_RETURN(
            std::string pending,
            secrets_->Open(txn.conn(), SecretsOf(*user), kPendingTotpField));
        if (pending.empty()) {
          pending = NewTotpSecret();
          RETURN_IF_ERROR(secrets_->Seal(txn.conn(), SecretsOf(*user), "",
                                         kPendingTotpField, pending));
        }
        enrolment = Enrolment{.partner = user->partner,
                              .name = user->name,
                              .totp_secret = std::move(pending)};
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
        now >= user->enrol_expires) {
      return LinkNotFound();
    }
    ASSIGN_OR_RETURN(
        const std::string pending,
        secrets_->Open(txn.conn(), SecretsOf(*user), kPendingTotpField));
    if (pending.empty()) return LinkNotFound();
    ASSIGN_OR_RETURN(const int64_t step, CheckTotp(pending, code, now, 0));
    RETURN_IF_ERROR(
        secrets_->Seal(txn.conn(), SecretsOf(*user), "", kTotpField, pending));
    RETURN_IF_ERROR(secrets_->Seal(txn.conn(), SecretsOf(*user), "",
                                   kPendingTotpField, ""));
    user->state = UserState::kActive;
    user->enrol_token_digest.clear();
    user->password_hash = hash;
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
  const absl::Time now = clock_->Now();
  const std::string account = absl::StrCat(partner, "/", name);
  if (const absl::Duration wait = throttle_.Wait(account, now);
      wait > absl::ZeroDuration()) {
    return {LoginRefused(), wait};
  }
  absl::StatusOr<StoredUser> user;
  absl::StatusOr<std::string> secret;
  absl::Status read = db_->readers().RunAndWait([&](store::Connection& conn) {
    user = FindUser(conn, partner, name);
    if (user.ok()) secret = secrets_->Open(conn, SecretsOf(*user), kTotpField);
    return absl::OkStatus();
  });
  if (!read.ok() || !user.ok() || !secret.ok() ||
      user->state != UserState::kActive ||
      registry_->FindEnabled(partner) == nullptr) {
    // As slow as a wrong password, so that timing tells nothing.
    static const std::string* const kDummyHash =
        new std::string(HashPassword("not a password of anyone").value_or(""));
    VerifyPassword(*kDummyHash, password);
    return {LoginRefused(),
            throttle_.FailUnknown(account, now, options_.login)};
  }
  if (IsLocked(user->failures, now)) {
    // Refused at once, as a locked unknown name is (by its wait).
    return {LoginRefused(), user->failures.locked_until - now};
  }
  const bool password_ok = VerifyPassword(user->password_hash, password);
  absl::StatusOr<int64_t> step =
      password_ok ? CheckTotp(*secret, code, now, user->totp_last_step)
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
  if (failed > 0) {
    const absl::Duration delay = FailureDelay(failed, options_.login);
    throttle_.Hold(account, now, delay);
    return {LoginRefused(), delay};
  }
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
