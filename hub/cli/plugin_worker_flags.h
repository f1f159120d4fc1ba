// The command line of plugin isolation: the `rosa-hub serve` flags that set
// how plugin workers run (PluginWorkerOptions), and the hidden
// `rosa-hub plugin-worker` subcommand (worker_command.h).
//
// Thread-compatible: set up and used from main only.
#ifndef ROSA_HUB_CLI_PLUGIN_WORKER_FLAGS_H_
#define ROSA_HUB_CLI_PLUGIN_WORKER_FLAGS_H_

#include <string>

#include "CLI/CLI.hpp"
#include "hub/cli/worker_command.h"
#include "hub/plugin_host/worker_options.h"

namespace rosa {

class PluginWorkerFlags {
 public:
  // Adds the flags to `serve` and the hidden subcommand to `app`.
  // REQUIRES: this object outlives the parse.
  PluginWorkerFlags(CLI::App& app, CLI::App& serve);

  // True when the command line asked for `plugin-worker`.
  bool worker() const { return worker_.parsed(); }
  // Runs the worker and ends the process with its exit code.
  [[noreturn]] void RunWorker() const { worker_.Run(); }

  // The serve flags' values, after the parse.
  PluginWorkerOptions options() const;

 private:
  WorkerCommand worker_;
  PluginWorkerOptions options_;
  std::string call_deadline_ = "2s";
};

}  // namespace rosa

#endif  // ROSA_HUB_CLI_PLUGIN_WORKER_FLAGS_H_
