#include "hub/cli/worker_command.h"

#include <unistd.h>

namespace rosa {

WorkerCommand::WorkerCommand(CLI::App& app) {
  // Hidden (no group): started by the hub, never by hand.
  command_ = app.add_subcommand(
      "plugin-worker", "Run one plugin, sandboxed (the hub starts it)");
  command_->group("");
  command_->add_option("--socket-fd", args_.socket_fd)->required();
  command_->add_option("--plugin", file_)->required();
  command_->add_option("--copy", copy_)->required();
  command_->add_option("--sha256", args_.plugin.sha256)->required();
  command_->add_option("--memory-mib", args_.memory_mib);
  command_->add_option("--cpu-seconds", args_.cpu_seconds);
}

void WorkerCommand::Run() const {
  WorkerArgs args = args_;
  args.plugin.file = file_;
  args.plugin.copy = copy_;
  // _exit: no destructors run under the sandbox's filter.
  _exit(RunPluginWorker(args));
}

}  // namespace rosa
