#include "hub/plugin_host/worker_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/common/hub_clock.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

// The descriptor number the worker finds its socket at.
constexpr int kWorkerSocketFd = 3;

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
  const std::string shown = staged.file.filename().string();
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return absl::ErrnoToStatus(
        errno, absl::StrCat("plugin ", shown, ": worker socketpair"));
  }
  // Out of the way of 0-3, so that dup2 below always copies (and so clears
  // close-on-exec).
  const int child_fd = fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
  close(fds[1]);
  if (child_fd < 0) {
    close(fds[0]);
    return absl::ErrnoToStatus(errno, "plugin worker: fcntl");
  }

  std::vector<std::string> args = {
      "rosa-hub",      "plugin-worker",
      "--socket-fd",   std::to_string(kWorkerSocketFd),
      "--plugin",      staged.file.string(),
      "--copy",        staged.copy.string(),
      "--sha256",      staged.sha256,
      "--memory-mib",  std::to_string(options.memory_mib),
      "--cpu-seconds", std::to_string(options.cpu_seconds)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, child_fd, kWorkerSocketFd);
  posix_spawn_file_actions_addclosefrom_np(&actions, kWorkerSocketFd + 1);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, options.executable.c_str(), &actions,
                             nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  close(child_fd);
  if (rc != 0) {
    close(fds[0]);
    return absl::ErrnoToStatus(
        rc, absl::StrCat("plugin ", shown, ": cannot start a worker"));
  }
  fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  return std::unique_ptr<WorkerProcess>(new WorkerProcess(
      pid, fds[0], SteadyClock().Now() + options.start_deadline));
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
  return absl::OkStatus();
}

WorkerProcess::~WorkerProcess() {
  if (!dead()) Bury("stopped");
  if (fd_ >= 0) close(fd_);
}

void WorkerProcess::Bury(std::string reason) {
  if (dead()) return;
  if (!reason.empty()) kill(pid_, SIGKILL);
  const int status = Reap(pid_, absl::Milliseconds(500));
  death_ = reason.empty() ? DescribeWorkerExit(status) : std::move(reason);
  pid_ = 0;
}

absl::StatusOr<Frame> WorkerProcess::Call(const Frame& request,
                                          absl::Duration deadline) {
  if (dead()) return absl::UnavailableError("plugin worker is not running");
  const absl::Time until = SteadyClock().Now() + deadline;
  absl::Status sent = WriteFrame(fd_, request, until);
  absl::StatusOr<Frame> answer =
      sent.ok() ? ReadFrame(fd_, until) : absl::StatusOr<Frame>(sent);
  if (answer.ok() && (answer->kind == FrameKind::kAnswer ||
                      answer->kind == FrameKind::kFailure)) {
    if ((answer->flags & kFrameRetire) != 0) Bury("retired");
    return answer;
  }
  if (!answer.ok() && absl::IsDeadlineExceeded(answer.status())) {
    Bury(absl::StrCat("timed out after ", absl::FormatDuration(deadline)));
  } else if (answer.ok() || absl::IsDataLoss(answer.status())) {
    Bury("broke the worker protocol");
  } else {
    Bury("");
  }
  return absl::UnavailableError(death_);
}

}  // namespace rosa
