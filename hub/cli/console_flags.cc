#include "hub/cli/console_flags.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "hub/common/status_macros.h"
#include "hub/store/database_file.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "hub/users/user_desk.h"

namespace rosa {
namespace {

// Runs `apply` in one immediate transaction on the hub's database (which
// must exist: the hub makes it).
absl::Status InDatabase(
    const std::string& data_dir,
    const std::function<absl::Status(store::Connection&)>& apply) {
  ASSIGN_OR_RETURN(auto conn, store::OpenExistingDatabase(
                                  std::filesystem::path(data_dir),
                                  store::Connection::Mode::kReadWrite));
  RETURN_IF_ERROR(store::ApplySchema(*conn));
  RETURN_IF_ERROR(conn->Exec("BEGIN IMMEDIATE"));
  absl::Status status = apply(*conn);
  if (!status.ok()) {
    conn->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  return conn->Exec("COMMIT");
}

int Report(const absl::Status& status) {
  if (status.ok()) return 0;
  std::cerr << "rosa-hub: " << status.message() << "\n";
  return 1;
}

}  // namespace

ConsoleFlags::ConsoleFlags(CLI::App& app, CLI::App& serve) {
  serve.add_option("--console-listen", listen_,
                   "host:port of the web console (HTTPS with the hub's "
                   "server certificate); off when not given");
  serve
      .add_option("--console-overdue-after", overdue_after_,
                  "A referral still requested (not received) after this "
                  "is marked overdue in the console's queue")
      ->capture_default_str()
      ->check([](const std::string& text) -> std::string {
        absl::Duration d;
        return absl::ParseDuration(text, &d) && d > absl::ZeroDuration()
                   ? ""
                   : "a positive duration such as 4h or 90m";
      });
  users_ = app.add_subcommand("users", "The web console's people");
  users_->require_subcommand(1);
  add_ = users_->add_subcommand(
      "add", "Add a user and print its one-time enrolment link");
  add_->add_option("--partner", partner_, "The partner the person works for")
      ->required();
  add_->add_option("--name", name_, "a-z, 0-9, '.', '_', '-'")->required();
  add_->add_option("--partners", partners_file_)->capture_default_str();
  add_->add_option("--console-url", console_url_,
                   "The console's address, for the link")
      ->capture_default_str();
  list_ = users_->add_subcommand("list", "Every user and its state");
  disable_ = users_->add_subcommand("disable", "Disable a user for good");
  for (CLI::App* command : {add_, list_, disable_}) {
    command->add_option("--data-dir", data_dir_)->capture_default_str();
  }
  disable_->add_option("--partner", partner_)->required();
  disable_->add_option("--name", name_)->required();
}

void ConsoleFlags::Apply(HubOptions& options) const {
  options.console_listen = listen_;
  (void)absl::ParseDuration(overdue_after_, &options.console.overdue_after);
}

int ConsoleFlags::RunUsers() const {
  const absl::Time now = absl::Now();
  if (add_->parsed()) {
    absl::StatusOr<PartnerRegistry> registry =
        PartnerRegistry::LoadFile(partners_file_);
    if (!registry.ok()) return Report(registry.status());
    std::string token;
    absl::Status s =
        InDatabase(data_dir_, [&](store::Connection& conn) -> absl::Status {
          ASSIGN_OR_RETURN(token,
                           users::AddUser(conn, *registry, partner_, name_, now,
                                          users::kEnrolmentLinkLifetime));
          return absl::OkStatus();
        });
    if (!s.ok()) return Report(s);
    std::cout << partner_ << "/" << name_ << " added; enrolment link (once, "
              << "valid " << absl::FormatDuration(users::kEnrolmentLinkLifetime)
              << "):\n"
              << console_url_ << "/enrol?token=" << token << "\n";
    return 0;
  }
  if (disable_->parsed()) {
    return Report(InDatabase(data_dir_, [&](store::Connection& conn) {
      return users::DisableUser(conn, partner_, name_, now);
    }));
  }
  std::vector<users::StoredUser> all;
  absl::Status s =
      InDatabase(data_dir_, [&](store::Connection& conn) -> absl::Status {
        ASSIGN_OR_RETURN(all, users::ListUsers(conn));
        return absl::OkStatus();
      });
  if (!s.ok()) return Report(s);
  for (const users::StoredUser& user : all) {
    const bool locked = users::IsLocked(user.failures, now);
    std::cout << user.partner << "/" << user.name << " "
              << users::UserStateName(user.state) << (locked ? " locked" : "")
              << "\n";
  }
  return 0;
}

}  // namespace rosa
