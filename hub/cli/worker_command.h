// The hidden `plugin-worker` subcommand the hub starts each plugin worker
// with (hub/plugin_host/worker_main.h): one definition of its command line,
// added both to `rosa-hub` and to the lean `rosa-plugin-worker` executable
// (plugin_worker_main.cc) that the hub starts by default. Never run by
// hand: the worker refuses to start without the socket the hub hands it.
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

  // True when the command line asked for `plugin-worker`.
  bool parsed() const { return command_->parsed(); }
  // Runs the worker and ends the process with its exit code.
  [[noreturn]] void Run() const;

 private:
  CLI::App* command_ = nullptr;
  WorkerArgs args_;
  std::string file_;
  std::string copy_;
};

}  // namespace rosa

#endif  // ROSA_HUB_CLI_WORKER_COMMAND_H_
