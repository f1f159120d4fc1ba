// The hidden subcommands the hub starts its plugin processes with:
// `plugin-fork-server` (hub/plugin_host/fork_server_main.h), which forks
// every worker, and `plugin-worker` (hub/plugin_host/worker_main.h), one
// exec'd worker when the fork server is off. One definition of their
// command lines, added both to `rosa-hub` and to the lean
// `rosa-plugin-worker` executable (plugin_worker_main.cc) that the hub
// starts by default. Never run by hand: both refuse to start without the
// socket the hub hands them.
//
// Thread-compatible: set up and used from main only.
#ifndef ROSA_HUB_CLI_WORKER_COMMAND_H_
#define ROSA_HUB_CLI_WORKER_COMMAND_H_

#include <string>

#include "CLI/CLI.hpp"
#include "hub/plugin_host/worker_main.h"

namespace rosa {

class WorkerCommand {
 public:
  // Adds the hidden subcommand to `app`.
  // REQUIRES: this object outlives the parse.
  explicit WorkerCommand(CLI::App& app);

  // True when the command line asked for either subcommand.
  bool parsed() const { return command_->parsed() || server_->parsed(); }
  // Runs the worker or the fork server and ends the process with its exit
  // code.
  [[noreturn]] void Run() const;

 private:
  CLI::App* command_ = nullptr;
  CLI::App* server_ = nullptr;
  WorkerArgs args_;
  int server_fd_ = -1;
  bool die_with_parent_ = false;
  std::string file_;
  std::string copy_;
};

}  // namespace rosa

#endif  // ROSA_HUB_CLI_WORKER_COMMAND_H_
