#include "hub/plugin_host/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/common/hub_clock.h"
#include "hub/common/status_macros.h"
#include "hub/plugin_host/spawn_child.h"

namespace rosa {
namespace {

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev != nullptr ? absl::StrCat("SIG", abbrev)
                           : absl::StrCat("signal ", sig);
}

// Reaps `pid`, giving it `grace` to exit by itself before SIGKILL.
int Reap(pid_t pid, absl::Duration grace) {
  int status = 0;
  const SteadyClock steady;
  const absl::Time until = steady.Now() + grace;
  while (true) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return 0;
    if (steady.Now() >= until) break;
    absl::SleepFor(absl::Milliseconds(1));
  }
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// Whether `fd` has bytes to read or its peer closed it, without waiting.
bool Readable(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

// Whether `fd` has at least one byte to read (not just an end).
bool HasBytes(int fd) {
  char byte;
  return recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 1;
}

// CPU time a worker may use between its answer and the next request (it
// finishes the answer's write and waits in read: microseconds), in clock
// ticks (/proc/<pid>/stat), with room for the tick it was in.
constexpr int64_t kIdleCpuTicks = 2;

// User plus system CPU time of `pid` in clock ticks, -1 if unreadable.
int64_t CpuTicks(pid_t pid) {
  const std::string path = absl::StrCat("/proc/", pid, "/stat");
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[1024];
  const ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  // After the command name, in parentheses: state (field 3) and on; utime
  // and stime are fields 14 and 15.
  const char* p = strrchr(buf, ')');
  if (p == nullptr) return -1;
  long long utime = 0, stime = 0;
  if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld",
             &utime, &stime) != 2) {
    return -1;
  }
  return utime + stime;
}

}  // namespace

std::string DescribeWorkerExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    if (sig == SIGSYS) return "blocked system call (SIGSYS)";
    return absl::StrCat("signal ", SignalName(sig));
  }
  if (WIFEXITED(wait_status)) {
    return absl::StrCat("exit ", WEXITSTATUS(wait_status));
  }
  return "ended";
}

absl::StatusOr<std::unique_ptr<WorkerProcess>> WorkerProcess::Start(
    const PluginWorkerOptions& options, const StagedPlugin& staged,
    rosa::plugin::v1::PluginManifest* manifest) {
  ASSIGN_OR_RETURN(std::unique_ptr<WorkerProcess> worker,
                   Spawn(options, staged));
  RETURN_IF_ERROR(worker->AwaitStart(staged, manifest));
  return worker;
}

absl::StatusOr<std::unique_ptr<WorkerProcess>> WorkerProcess::Spawn(
    const PluginWorkerOptions& options, const StagedPlugin& staged) {
  const absl::Time start_until = SteadyClock().Now() + options.start_deadline;
  // From the fork server; a second try if it had died, since Shared then
  // starts a new one; exec'd as below if none can run.
  for (int attempt = 0; options.fork_server && attempt < 2; ++attempt) {
    absl::StatusOr<std::shared_ptr<ForkServer>> server =
        ForkServer::Shared(options);
    if (!server.ok()) break;
    absl::StatusOr<ForkServer::Child> child =
        (*server)->Spawn(options, staged, start_until);
    if (child.ok()) {
      fcntl(child->socket_fd, F_SETFL,
            fcntl(child->socket_fd, F_GETFL) | O_NONBLOCK);
      auto worker = std::unique_ptr<WorkerProcess>(
          new WorkerProcess(child->pid, child->socket_fd, start_until));
      worker->server_ = *std::move(server);
      worker->pidfd_ = child->pidfd;
      return worker;
    }
    if (!absl::IsUnavailable(child.status())) return child.status();
  }

  const std::string shown = staged.file.filename().string();
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return absl::ErrnoToStatus(
        errno, absl::StrCat("plugin ", shown, ": worker socketpair"));
  }
  absl::StatusOr<pid_t> pid = SpawnChild(
      options.executable,
      {"rosa-hub", "plugin-worker", "--socket-fd",
       std::to_string(kChildSocketFd), "--plugin", staged.file.string(),
       "--copy", staged.copy.string(), "--sha256", staged.sha256,
       "--memory-mib", std::to_string(options.memory_mib), "--cpu-seconds",
       std::to_string(options.cpu_seconds)},
      fds[1], absl::StrCat("plugin ", shown, ": cannot start a worker"));
  close(fds[1]);
  if (!pid.ok()) {
    close(fds[0]);
    return pid.status();
  }
  fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  return std::unique_ptr<WorkerProcess>(
      new WorkerProcess(*pid, fds[0], start_until));
}

absl::Status WorkerProcess::AwaitStart(
    const StagedPlugin& staged, rosa::plugin::v1::PluginManifest* manifest) {
  absl::StatusOr<Frame> hello = ReadFrame(fd_, start_until_);
  if (hello.ok() && hello->kind == FrameKind::kFailure) {
    return FrameStatus(*hello);  // The worker's own load error.
  }
  if (!hello.ok() || hello->kind != FrameKind::kManifest ||
      !manifest->ParseFromString(hello->body)) {
    Bury(hello.ok() || !absl::IsDeadlineExceeded(hello.status())
             ? ""
             : "did not start in time");
    return absl::UnavailableError(
        absl::StrCat("plugin file ", staged.file.filename().string(),
                     ": its worker did not start (", death_, ")"));
  }
  answered_at_cpu_ = CpuTicks(pid_);
  return absl::OkStatus();
}

WorkerProcess::~WorkerProcess() {
  if (!dead()) Bury("stopped");
  if (fd_ >= 0) close(fd_);
  if (pidfd_ >= 0) close(pidfd_);
}

void WorkerProcess::Bury(std::string reason) {
  if (dead()) return;
  if (server_ == nullptr) {
    if (!reason.empty()) kill(pid_, SIGKILL);
    const int status = Reap(pid_, absl::Milliseconds(500));
    death_ = reason.empty() ? DescribeWorkerExit(status) : std::move(reason);
    pid_ = 0;
    return;
  }
  // The fork server reaps it; the pidfd reaches this worker only.
  const auto kill_it = [&] {
    syscall(SYS_pidfd_send_signal, pidfd_, SIGKILL, nullptr, 0);
  };
  if (!reason.empty()) kill_it();
  const SteadyClock steady;
  std::optional<int> status =
      server_->AwaitExit(pid_, steady.Now() + absl::Milliseconds(500));
  if (!status.has_value() && !server_->dead()) {
    kill_it();
    status = server_->AwaitExit(pid_, steady.Now() + absl::Seconds(5));
  }
  if (!reason.empty()) {
    death_ = std::move(reason);
  } else if (status.has_value()) {
    death_ = DescribeWorkerExit(*status);
  } else {
    death_ = server_->dead() ? "its fork server died" : "ended";
  }
  pid_ = 0;
}

bool WorkerProcess::Sound() {
  if (dead()) return false;
  bool ended = false;
  if (server_ != nullptr) {
    struct pollfd p = {pidfd_, POLLIN, 0};
    ended = poll(&p, 1, 0) > 0;
  } else {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      death_ = DescribeWorkerExit(status);
      pid_ = 0;
      return false;
    }
  }
  if (ended || Readable(fd_)) {
    Bury(!ended && HasBytes(fd_) ? "spoke while idle" : "");
    return false;
  }
  const int64_t cpu = CpuTicks(pid_);
  if (answered_at_cpu_ >= 0 && cpu > answered_at_cpu_ + kIdleCpuTicks) {
    Bury("used CPU while idle");
    return false;
  }
  return true;
}

absl::StatusOr<Frame> WorkerProcess::Call(Frame request,
                                          absl::Duration deadline) {
  if (dead()) return absl::UnavailableError("plugin worker is not running");
  if (Readable(fd_)) {
    // Bytes, or the end of the socket, while it had nothing to answer.
    Bury(HasBytes(fd_) ? "spoke while idle" : "");
    return absl::UnavailableError(death_);
  }
  request.id = next_id_++;
  const size_t cap = AnswerCap(request.body.size());
  const absl::Time until = SteadyClock().Now() + deadline;
  absl::Status sent = WriteFrame(fd_, request, until);
  absl::StatusOr<Frame> answer =
      sent.ok() ? ReadFrame(fd_, until, cap) : absl::StatusOr<Frame>(sent);
  if (answer.ok() && answer->id == request.id &&
      (answer->kind == FrameKind::kAnswer ||
       answer->kind == FrameKind::kFailure)) {
    if ((answer->flags & kFrameRetire) != 0) {
      Bury("retired");
    } else {
      answered_at_cpu_ = CpuTicks(pid_);
    }
    return answer;
  }
  if (!answer.ok() && absl::IsResourceExhausted(answer.status())) {
    Bury(absl::StrCat("answered too much (over ", cap, " bytes)"));
  } else if (!answer.ok() && absl::IsDeadlineExceeded(answer.status())) {
    Bury(absl::StrCat("timed out after ", absl::FormatDuration(deadline)));
  } else if (answer.ok() || absl::IsDataLoss(answer.status())) {
    Bury("broke the worker protocol");
  } else {
    Bury("");
  }
  return absl::UnavailableError(death_);
}

}  // namespace rosa
