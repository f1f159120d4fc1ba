#include "hub/users/user_store.h"

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"

namespace rosa::users {
namespace {

constexpr char kColumns[] =
    "partner, name, state, enrol_token_digest, enrol_expires_us, "
    "password_hash, totp_last_step, "
    "failed_logins, locked_until_us, created_us";

int64_t Micros(absl::Time t) {
  if (t == absl::InfinitePast()) return 0;
  return absl::ToUnixMicros(t);
}

absl::Time FromMicros(int64_t us) {
  return us == 0 ? absl::InfinitePast() : absl::FromUnixMicros(us);
}

StoredUser ReadRow(const store::Statement& row) {
  StoredUser user;
  user.partner = row.ColumnText(0);
  user.name = row.ColumnText(1);
  user.state = static_cast<UserState>(row.ColumnInt(2));
  user.enrol_token_digest = row.ColumnText(3);
  user.enrol_expires = FromMicros(row.ColumnInt(4));
  user.password_hash = row.ColumnText(5);
  user.totp_last_step = row.ColumnInt(6);
  user.failures.failed = static_cast<int>(row.ColumnInt(7));
  user.failures.locked_until = FromMicros(row.ColumnInt(8));
  user.created = FromMicros(row.ColumnInt(9));
  return user;
}

// Binds an empty text as NULL, so that the unique token index ignores it.
void BindOptional(store::Statement& stmt, int index, const std::string& text) {
  if (text.empty()) {
    stmt.BindNull(index);
  } else {
    stmt.Bind(index, text);
  }
}

}  // namespace

const char* UserStateName(UserState state) {
  switch (state) {
    case UserState::kEnrolling:
      return "enrolling";
    case UserState::kActive:
      return "active";
    case UserState::kDisabled:
      return "disabled";
  }
  return "unknown";
}

absl::Status InsertUser(store::Connection& conn, const StoredUser& user) {
  ASSIGN_OR_RETURN(auto found, conn.Prepare("SELECT 1 FROM console_users "
                                            "WHERE partner = ? AND name = ?"));
  found->Bind(1, user.partner).Bind(2, user.name);
  ASSIGN_OR_RETURN(const bool exists, found->Step());
  if (exists) {
    return absl::AlreadyExistsError(absl::StrCat(
        "console user ", user.partner, "/", user.name, ": already exists"));
  }
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare(absl::StrCat(
                                  "INSERT INTO console_users (", kColumns,
                                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
  stmt->Bind(1, user.partner).Bind(2, user.name);
  stmt->Bind(3, static_cast<int64_t>(user.state));
  BindOptional(*stmt, 4, user.enrol_token_digest);
  stmt->Bind(5, Micros(user.enrol_expires));
  stmt->Bind(6, user.password_hash);
  stmt->Bind(7, user.totp_last_step);
  stmt->Bind(8, static_cast<int64_t>(user.failures.failed));
  stmt->Bind(9, Micros(user.failures.locked_until));
  stmt->Bind(10, Micros(user.created));
  return stmt->Run();
}

absl::StatusOr<StoredUser> FindUser(store::Connection& conn,
                                    const std::string& partner,
                                    const std::string& name) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare(absl::StrCat(
                                  "SELECT ", kColumns,
                                  " FROM console_users WHERE partner = ? AND "
                                  "name = ?")));
  stmt->Bind(1, partner).Bind(2, name);
  ASSIGN_OR_RETURN(const bool has_row, stmt->Step());
  if (!has_row) return absl::NotFoundError("console user: not found");
  return ReadRow(*stmt);
}

absl::StatusOr<StoredUser> FindUserByToken(store::Connection& conn,
                                           const std::string& token_digest) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare(absl::StrCat("SELECT ", kColumns,
                                             " FROM console_users WHERE "
                                             "enrol_token_digest = ?")));
  stmt->Bind(1, token_digest);
  ASSIGN_OR_RETURN(const bool has_row, stmt->Step());
  if (!has_row) return absl::NotFoundError("enrolment link: not found");
  return ReadRow(*stmt);
}

absl::Status UpdateUser(store::Connection& conn, const StoredUser& user) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("UPDATE console_users SET state = ?, enrol_token_digest = "
                   "?, enrol_expires_us = ?, password_hash = ?, "
                   "totp_last_step = ?, "
                   "failed_logins = ?, locked_until_us = ? WHERE partner = ? "
                   "AND name = ?"));
  stmt->Bind(1, static_cast<int64_t>(user.state));
  BindOptional(*stmt, 2, user.enrol_token_digest);
  stmt->Bind(3, Micros(user.enrol_expires));
  stmt->Bind(4, user.password_hash);
  stmt->Bind(5, user.totp_last_step);
  stmt->Bind(6, static_cast<int64_t>(user.failures.failed));
  stmt->Bind(7, Micros(user.failures.locked_until));
  stmt->Bind(8, user.partner).Bind(9, user.name);
  RETURN_IF_ERROR(stmt->Run());
  if (conn.changes() != 1) {
    return absl::NotFoundError("console user: not found");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<StoredUser>> ListUsers(store::Connection& conn) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare(absl::StrCat(
                                  "SELECT ", kColumns,
                                  " FROM console_users ORDER BY partner, "
                                  "name")));
  std::vector<StoredUser> users;
  while (true) {
    ASSIGN_OR_RETURN(const bool has_row, stmt->Step());
    if (!has_row) break;
    users.push_back(ReadRow(*stmt));
  }
  return users;
}

}  // namespace rosa::users
