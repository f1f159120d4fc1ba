#include "hub/cli/worker_command.h"

#include <unistd.h>

#include "hub/plugin_host/fork_server_main.h"

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
  server_ = app.add_subcommand("plugin-fork-server",
                               "Fork the plugin workers (the hub starts it)");
  server_->group("");
  server_->add_option("--socket-fd", server_fd_)->required();
  server_->add_flag("--die-with-parent", die_with_parent_);
}

void WorkerCommand::Run() const {
  if (server_->parsed())
    _exit(RunPluginForkServer(server_fd_, die_with_parent_));
  WorkerArgs args = args_;
  args.plugin.file = file_;
  args.plugin.copy = copy_;
  // _exit: no destructors run under the sandbox's filter.
  _exit(RunPluginWorker(args));
}

}  // namespace rosa
