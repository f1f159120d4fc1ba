#include "hub/plugin_host/fork_server_main.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "absl/strings/numbers.h"
#include "common/sha256.h"
#include "hub/plugin_host/fork_server_wire.h"
#include "hub/plugin_host/plugin_library.h"
#include "hub/plugin_host/sandbox.h"
#include "hub/plugin_host/worker_main.h"

namespace rosa {
namespace {

// The descriptor a worker finds its socket at, as an exec'd one does.
constexpr int kWorkerSocketFd = 3;

absl::Status Refuse(int control_fd, int err) {
  ForkServerMessage refused;
  refused.kind = ForkServerKind::kRefused;
  refused.fields = {std::to_string(err)};
  return SendForkServerMessage(control_fd, refused);
}

// In the child: becomes the worker; never returns.
[[noreturn]] void BecomeWorker(int socket_end, const sigset_t& mask,
                               WorkerArgs args) {
  sigprocmask(SIG_SETMASK, &mask, nullptr);
  // dup2 closes the control socket's copy, which sits at 3.
  if (socket_end != kWorkerSocketFd &&
      dup2(socket_end, kWorkerSocketFd) != kWorkerSocketFd) {
    _exit(1);
  }
  if (close_range(kWorkerSocketFd + 1, ~0U, 0) != 0) _exit(1);
  args.socket_fd = kWorkerSocketFd;
  _exit(RunPluginWorker(args));
}

// Forks a worker for the request and answers the hub.
absl::Status Spawn(int control_fd, const ForkServerMessage& request,
                   const sigset_t& mask) {
  WorkerArgs args;
  if (request.fields.size() != 5 ||
      !absl::SimpleAtoi(request.fields[3], &args.memory_mib) ||
      !absl::SimpleAtoi(request.fields[4], &args.cpu_seconds)) {
    return Refuse(control_fd, EINVAL);
  }
  args.plugin.file = request.fields[0];
  args.plugin.copy = request.fields[1];
  args.plugin.sha256 = request.fields[2];
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return Refuse(control_fd, errno);
  }
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    BecomeWorker(fds[1], mask, std::move(args));
  }
  const int err = errno;
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return Refuse(control_fd, err);
  }
  // Not reaped before the next poll, so the pid is still the child's.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    const int pidfd_err = errno;
    kill(pid, SIGKILL);  // Reaped and reported as any other.
    close(fds[0]);
    return Refuse(control_fd, pidfd_err);
  }
  ForkServerMessage spawned;
  spawned.kind = ForkServerKind::kSpawned;
  spawned.fields = {std::to_string(pid)};
  spawned.fds = {fds[0], pidfd};
  absl::Status sent = SendForkServerMessage(control_fd, spawned);
  close(fds[0]);
  close(pidfd);
  return sent;
}

// Reaps every ended child and reports it.
absl::Status ReportExits(int control_fd) {
  while (true) {
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return absl::OkStatus();
    ForkServerMessage exited;
    exited.kind = ForkServerKind::kExited;
    exited.fields = {std::to_string(pid), std::to_string(status)};
    if (absl::Status s = SendForkServerMessage(control_fd, exited); !s.ok()) {
      return s;
    }
  }
}

}  // namespace

int RunPluginForkServer(int control_fd, bool die_with_parent) {
  if (!IsSocketFromParent(control_fd)) {
    std::fprintf(stderr,
                 "rosa-hub plugin-fork-server: started by the hub only (no "
                 "socket from the parent at --socket-fd)\n");
    return 2;
  }
  if (die_with_parent) {
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (!IsSocketFromParent(control_fd)) return 2;  // The parent died.
  }
  // Children are reaped through a signalfd; each worker gets the mask back.
  sigset_t chld, mask;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  if (sigprocmask(SIG_BLOCK, &chld, &mask) != 0) return 1;
  const int sig_fd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sig_fd < 0) return 1;
  if (!EnterForkServerSandbox().ok()) return 1;
  // OpenSSL initialises itself (and reads its configuration) on first use:
  // once here, not in every worker that checks its plugin's SHA-256; and
  // the descriptor fingerprint every worker checks its plugin against.
  (void)Sha256Hex("");
  PluginLibrary::Prepare();

  while (true) {
    struct pollfd p[2] = {{control_fd, POLLIN, 0}, {sig_fd, POLLIN, 0}};
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    if (p[1].revents != 0) {
      struct signalfd_siginfo info;
      while (read(sig_fd, &info, sizeof(info)) > 0) {
      }
      if (!ReportExits(control_fd).ok()) return 0;
    }
    if (p[0].revents == 0) continue;
    absl::StatusOr<ForkServerMessage> request =
        ReceiveForkServerMessage(control_fd, /*wait=*/false);
    if (absl::IsResourceExhausted(request.status())) continue;
    if (!request.ok() && !absl::IsDataLoss(request.status())) return 0;
    absl::Status answered =
        request.ok() && request->kind == ForkServerKind::kSpawn
            ? Spawn(control_fd, *request, mask)
            : Refuse(control_fd, EINVAL);
    if (request.ok()) {
      for (int fd : request->fds) close(fd);
    }
    if (!answered.ok()) return 0;
  }
}

}  // namespace rosa
