#include "hub/plugin_host/fork_server.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hub/common/hub_clock.h"
#include "hub/plugin_host/spawn_child.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

struct SharedServer {
  std::filesystem::path executable;
  std::shared_ptr<ForkServer> server;
  // Its server died without ever answering: not tried again.
  bool broken = false;
};

ABSL_CONST_INIT absl::Mutex shared_mu(absl::kConstInit);
// Never destroyed: the fork server ends when the hub's process does.
SharedServer* shared ABSL_GUARDED_BY(shared_mu) = nullptr;

absl::Status NotRunning() {
  return absl::UnavailableError("plugin fork server is not running");
}

}  // namespace

absl::StatusOr<std::shared_ptr<ForkServer>> ForkServer::Shared(
    const PluginWorkerOptions& options) {
  absl::MutexLock lock(&shared_mu);
  if (shared == nullptr) shared = new SharedServer;
  if (shared->server != nullptr && shared->executable == options.executable) {
    if (shared->broken) return NotRunning();
    if (!shared->server->dead()) return shared->server;
    if (!shared->server->answered()) {
      shared->broken = true;
      spdlog::error(
          "plugins: the plugin fork server of {} never answered; "
          "plugin workers are exec'd one by one",
          options.executable.string());
      return NotRunning();
    }
    spdlog::warn(
        "plugins: the plugin fork server (pid {}) died; starting a "
        "new one",
        shared->server->pid());
  }
  absl::StatusOr<std::shared_ptr<ForkServer>> started =
      Start(options.executable);
  if (!started.ok()) {
    spdlog::error("plugins: the plugin fork server cannot start: {}",
                  std::string(started.status().message()));
    return started.status();
  }
  shared->executable = options.executable;
  shared->server = *started;
  shared->broken = false;
  return started;
}

absl::StatusOr<std::shared_ptr<ForkServer>> ForkServer::Start(
    const std::filesystem::path& executable) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) {
    return absl::ErrnoToStatus(errno, "plugin fork server: socketpair");
  }
  std::vector<std::string> args = {"rosa-hub", "plugin-fork-server",
                                   "--socket-fd",
                                   std::to_string(kChildSocketFd)};
  // A parent-death signal follows the thread that forked: only the main
  // thread lives as long as the hub.
  if (gettid() == getpid()) args.push_back("--die-with-parent");
  absl::StatusOr<pid_t> pid = SpawnChild(executable, std::move(args), fds[1],
                                         "plugin fork server: cannot start");
  close(fds[1]);
  if (!pid.ok()) {
    close(fds[0]);
    return pid.status();
  }
  return std::shared_ptr<ForkServer>(new ForkServer(*pid, fds[0]));
}

ForkServer::~ForkServer() {
  close(control_fd_);
  kill(pid_, SIGKILL);
  int status;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

bool ForkServer::dead() const {
  absl::MutexLock lock(&mu_);
  return dead_;
}

bool ForkServer::answered() const {
  absl::MutexLock lock(&mu_);
  return answered_;
}

void ForkServer::Die() {
  if (!dead_) kill(pid_, SIGKILL);  // Its workers die with it.
  dead_ = true;
}

std::optional<ForkServerMessage> ForkServer::Drain(bool wait,
                                                   absl::Time deadline) {
  while (!dead_) {
    if (wait) {
      const absl::Duration left = deadline - SteadyClock().Now();
      if (left <= absl::ZeroDuration()) return std::nullopt;
      struct pollfd p = {control_fd_, POLLIN, 0};
      const int ms = static_cast<int>(
          absl::ToInt64Milliseconds(left + absl::Microseconds(999)));
      if (poll(&p, 1, ms) <= 0) continue;
    }
    absl::StatusOr<ForkServerMessage> m =
        ReceiveForkServerMessage(control_fd_, /*wait=*/false);
    if (absl::IsResourceExhausted(m.status())) {
      if (wait) continue;
      return std::nullopt;
    }
    if (!m.ok()) {
      Die();
      return std::nullopt;
    }
    pid_t pid = 0;
    int status = 0;
    if (m->kind == ForkServerKind::kExited) {
      if (m->fields.size() == 2 && absl::SimpleAtoi(m->fields[0], &pid) &&
          absl::SimpleAtoi(m->fields[1], &status)) {
        exits_[pid] = status;
      }
      for (int fd : m->fds) close(fd);
      continue;
    }
    return *std::move(m);
  }
  return std::nullopt;
}

absl::StatusOr<ForkServer::Child> ForkServer::Spawn(
    const PluginWorkerOptions& options, const StagedPlugin& staged,
    absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  if (dead_) return NotRunning();
  ForkServerMessage request;
  request.kind = ForkServerKind::kSpawn;
  request.fields = {staged.file.string(), staged.copy.string(), staged.sha256,
                    std::to_string(options.memory_mib),
                    std::to_string(options.cpu_seconds)};
  if (!SendForkServerMessage(control_fd_, request).ok()) {
    Die();
    return NotRunning();
  }
  std::optional<ForkServerMessage> answer = Drain(/*wait=*/true, deadline);
  if (!answer.has_value()) {
    Die();  // Dead, or wedged: either way of no more use.
    return NotRunning();
  }
  answered_ = true;
  Child child;
  int err = 0;
  if (answer->kind == ForkServerKind::kSpawned && answer->fds.size() == 2 &&
      answer->fields.size() == 1 &&
      absl::SimpleAtoi(answer->fields[0], &child.pid) && child.pid > 0) {
    child.socket_fd = answer->fds[0];
    child.pidfd = answer->fds[1];
    return child;
  }
  for (int fd : answer->fds) close(fd);
  if (answer->kind == ForkServerKind::kRefused && answer->fields.size() == 1 &&
      absl::SimpleAtoi(answer->fields[0], &err) && err > 0) {
    return absl::ErrnoToStatus(
        err, absl::StrCat("plugin ", staged.file.filename().string(),
                          ": the fork server cannot start a worker"));
  }
  Die();  // It broke the protocol.
  return NotRunning();
}

std::optional<int> ForkServer::AwaitExit(pid_t pid, absl::Time deadline) {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (std::optional<ForkServerMessage> stray = Drain(false, deadline)) {
        for (int fd : stray->fds) close(fd);
      }
      auto it = exits_.find(pid);
      if (it != exits_.end()) {
        const int status = it->second;
        exits_.erase(it);
        return status;
      }
      if (dead_) return std::nullopt;
    }
    if (SteadyClock().Now() >= deadline) return std::nullopt;
    absl::SleepFor(absl::Milliseconds(1));
  }
}

}  // namespace rosa
