// The command line of the web console: the `rosa-hub serve` flags that
// turn it on (--console-listen) and set its overdue threshold
// (--console-overdue-after), and `rosa-hub users`, which adds, lists and
// disables the console's people in the database, beside a running hub or
// without one:
//
//   rosa-hub users add --partner ks-oslo --name kari [--data-dir var]
//                      [--partners deploy/dev/partners.json]
//                      [--console-url https://127.0.0.1:8443]
//     prints the one-time enrolment link (valid 72 h)
//   rosa-hub users list [--data-dir var]
//   rosa-hub users disable --partner ks-oslo --name kari [--data-dir var]
//
// Thread-compatible: set up and used from main only.
#ifndef ROSA_HUB_CLI_CONSOLE_FLAGS_H_
#define ROSA_HUB_CLI_CONSOLE_FLAGS_H_

#include <string>

#include "CLI/CLI.hpp"
#include "app/hub_server.h"

namespace rosa {

class ConsoleFlags {
 public:
  // Adds the flags to `serve` and the `users` subcommand to `app`.
  // REQUIRES: this object outlives the parse.
  ConsoleFlags(CLI::App& app, CLI::App& serve);

  // Copies the serve flags' values into `options`, after the parse.
  void Apply(HubOptions& options) const;
  // True when the command line asked for `users`.
  bool users() const { return users_->parsed(); }
  // Runs `users ...`; the process exit code.
  int RunUsers() const;

 private:
  CLI::App* users_ = nullptr;
  CLI::App* add_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* disable_ = nullptr;
  std::string listen_;
  std::string overdue_after_ = "4h";
  std::string data_dir_ = "var";
  std::string partners_file_ = "deploy/dev/partners.json";
  std::string console_url_ = "https://127.0.0.1:8443";
  std::string partner_;
  std::string name_;
};

}  // namespace rosa

#endif  // ROSA_HUB_CLI_CONSOLE_FLAGS_H_
