// `rosa-hub serve`: hardens the process (no core dumps, not dumpable), runs
// the hub until SIGTERM or SIGINT, then drains and exits 0. SIGHUP reloads
// (HubServer::Reload) and keeps serving. Under systemd (Type=notify) it sends
// READY=1 once serving, RELOADING=1/READY=1 around a reload and STOPPING=1
// when draining starts (sd_notify; a no-op without NOTIFY_SOCKET).
// Thread-safety: call once, from main.
#ifndef ROSA_HUB_CLI_SERVE_COMMAND_H_
#define ROSA_HUB_CLI_SERVE_COMMAND_H_

#include <filesystem>

#include "app/hub_server.h"

namespace rosa {

// Returns the process exit code. If `ready_file` is not empty, writes the
// bound port there (atomically) once the hub is serving.
int RunServe(const HubOptions& options,
             const std::filesystem::path& ready_file);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_SERVE_COMMAND_H_
