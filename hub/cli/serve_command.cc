#include "hub/cli/serve_command.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fstream>

#include "hub/common/open_files.h"
#include "hub/common/process_hardening.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

// The write end of the self-pipe that the signal handler wakes main with.
// gRPC starts threads during static initialization, before main could
// block signals for them, so sigwait cannot be relied on; a handler runs on
// whichever thread the signal hits and only writes one byte.
int g_signal_pipe_write = -1;

extern "C" void OnSignal(int signal) {
  const unsigned char byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] ssize_t n = ::write(g_signal_pipe_write, &byte, 1);
}

// Installs the handler for SIGTERM, SIGINT and SIGHUP; returns the pipe's
// read end.
int InstallSignalHandler() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
  g_signal_pipe_write = fds[1];
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGTERM, &action, nullptr);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGHUP, &action, nullptr);
  return fds[0];
}

// The next signal the handler passed on. poll with a timeout, not a read
// that blocks: ThreadSanitizer runs a handler only when the thread it hit
// next enters or leaves a call TSan intercepts, and SA_RESTART keeps a
// blocking read from ever returning to make one, so the TSan build of the
// hub would never see SIGTERM. A wake-up a second costs nothing elsewhere.
int WaitForSignal(int fd) {
  while (true) {
    struct pollfd ready = {.fd = fd, .events = POLLIN, .revents = 0};
    if (::poll(&ready, 1, /*timeout_ms=*/1000) <= 0) continue;
    unsigned char byte = 0;
    const ssize_t n = ::read(fd, &byte, 1);
    if (n == 1) return byte;
    if (n == 0) return 0;  // The pipe's write end is never closed.
  }
}

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
  // No core dump and no memory reads by other processes: the hub will
  // hold keys and decrypted identities.
  if (absl::Status s = HardenProcess(); !s.ok()) {
    spdlog::critical("cannot harden the process: {}", s.ToString());
    return 1;
  }
  // The database, its WAL and every key are for the hub's user alone.
  ::umask(077);
  // Every connection holds a descriptor, and gRPC stops accepting for good
  // after running out (hub/common/open_files.h).
  if (absl::StatusOr<uint64_t> files = RaiseOpenFileLimit(); files.ok()) {
    spdlog::info("open files: up to {}", *files);
  } else {
    spdlog::warn("open files: limit not raised: {}", files.status().ToString());
  }
  const int signal_fd = InstallSignalHandler();
  if (signal_fd < 0) {
    spdlog::critical("cannot install the signal handler");
    return 1;
  }
  auto hub = HubServer::Start(options);
  if (!hub.ok()) {
    spdlog::critical("cannot start: {}", hub.status().ToString());
    return 1;
  }
  if (!ready_file.empty() && !WriteReadyFile(ready_file, (*hub)->port())) {
    spdlog::critical("cannot write the ready file");
    return 1;
  }
  // Under systemd (Type=notify) the unit is "started" only now; without
  // NOTIFY_SOCKET this does nothing.
  (void)sd_notify(0, "READY=1\nSTATUS=serving");
  int signal = WaitForSignal(signal_fd);
  while (signal == SIGHUP) {
    (void)sd_notify(0, "RELOADING=1");
    // Reload logs what it did and what it kept.
    (void)(*hub)->Reload();
    (void)sd_notify(0, "READY=1");
    signal = WaitForSignal(signal_fd);
  }
  spdlog::info("received signal {}", signal);
  (void)sd_notify(0, "STOPPING=1\nSTATUS=draining");
  (*hub)->Shutdown();
  return 0;
}

}  // namespace rosa
