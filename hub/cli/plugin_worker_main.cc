// rosa-plugin-worker: the executable the hub starts its plugin workers
// from (hub/plugin_host/worker_options.h). It runs only `plugin-worker`
// (worker_command.h), the same code as `rosa-hub plugin-worker`, but links
// only what a worker needs - no gRPC, SQLite or TLS - so that starting one
// costs a few milliseconds instead of loading the whole hub.
#include "CLI/CLI.hpp"
#include "hub/cli/worker_command.h"

int main(int argc, char** argv) {
  CLI::App app{"rosa-plugin-worker: one sandboxed plugin worker of rosa-hub"};
  rosa::WorkerCommand worker(app);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  worker.Run();
}
