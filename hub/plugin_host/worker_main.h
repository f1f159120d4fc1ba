// The plugin worker's side: what `rosa-hub plugin-worker` runs. It is
// started only by the hub (worker_process.h), never by hand: it refuses to
// run unless descriptor `socket_fd` is a Unix socket whose peer is its
// parent process. It enters the load sandbox (load_sandbox.h), loads the
// plugin's staged copy there with the same checks as the in-process path
// (PluginLibrary::Open), sends the manifest (or the load error) to the
// hub, enters the sandbox (sandbox.h) and only then
// reads requests, answering each until the hub closes the socket.
//
// Nothing is logged: what goes back to the hub are frames, and a failure's
// message never quotes a payload.
//
// Thread-safety: runs a whole process, single-threaded.
#ifndef ROSA_HUB_PLUGIN_HOST_WORKER_MAIN_H_
#define ROSA_HUB_PLUGIN_HOST_WORKER_MAIN_H_

#include <cstdint>
#include <string>

#include "hub/plugin_host/plugin_file.h"

namespace rosa {

struct WorkerArgs {
  int socket_fd = -1;
  StagedPlugin plugin;
  uint64_t memory_mib = 1024;
  uint32_t cpu_seconds = 600;
};

// True if `fd` (3 or more) is a Unix socket connected to our parent
// process: how a worker and the fork server know the hub started them.
bool IsSocketFromParent(int fd);

// The process's exit code: 0 when the hub closed the socket, 2 when not
// started by the hub, 1 when the plugin or the sandbox failed.
int RunPluginWorker(const WorkerArgs& args);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_WORKER_MAIN_H_
