#include "hub/cli/serve_command.h"

#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <fstream>

#include "spdlog/spdlog.h"

namespace rosa {
namespace {

bool WriteReadyFile(const std::filesystem::path& path, int port) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

int RunServe(const HubOptions& options,
             const std::filesystem::path& ready_file) {
  // Block the stop signals before any thread starts, so every thread
  // inherits the mask and only sigwait below ever sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // The database, its WAL and every key are for the hub's user alone.
  ::umask(077);

  auto hub = HubServer::Start(options);
  if (!hub.ok()) {
    spdlog::critical("cannot start: {}", hub.status().ToString());
    return 1;
  }
  if (!ready_file.empty() && !WriteReadyFile(ready_file, (*hub)->port())) {
    spdlog::critical("cannot write the ready file");
    return 1;
  }
  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("received signal {}", signal);
  (*hub)->Shutdown();
  return 0;
}

}  // namespace rosa
