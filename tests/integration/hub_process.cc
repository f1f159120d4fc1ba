// HubProcess: fork/exec of the rosa-hub executable, its ready file, signals
// and the log.
#include "tests/integration/hub_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

#ifndef ROSA_HUB_BINARY
#error "ROSA_HUB_BINARY must name the rosa-hub executable"
#endif
#ifndef ROSA_TEST_PARTNERS
#error "ROSA_TEST_PARTNERS must name the test partner registry"
#endif

namespace rosa::integration {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(10);
constexpr size_t kLogTailBytes = 6000;

std::string ErrnoText(int err) { return std::strerror(err); }

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Tail(const std::string& text) {
  if (text.size() <= kLogTailBytes) return text;
  return absl::StrCat("[...]", text.substr(text.size() - kLogTailBytes));
}

void AppendToFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << text;
}

// Starts `argv` (argv[0] is the executable path) with stdin from /dev/null
// and stdout and stderr appended to `log_path` (or /dev/null). The child gets
// SIGKILL when the calling thread exits.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv,
                            const std::filesystem::path& log_path) {
  // Everything the child needs is prepared before fork: after fork in a
  // multi-threaded process only async-signal-safe calls are allowed.
  std::vector<char*> c_argv;
  c_argv.reserve(argv.size() + 1);
  for (const std::string& arg : argv) {
    c_argv.push_back(const_cast<char*>(arg.c_str()));
  }
  c_argv.push_back(nullptr);

  int in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (in_fd < 0) {
    return absl::InternalError(
        absl::StrCat("open /dev/null: ", ErrnoText(errno)));
  }
  int out_fd = log_path.empty()
                   ? open("/dev/null", O_WRONLY | O_CLOEXEC)
                   : open(log_path.c_str(),
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (out_fd < 0) {
    int err = errno;
    close(in_fd);
    return absl::InternalError(
        absl::StrCat("open ", log_path.string(), ": ", ErrnoText(err)));
  }

  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    int err = errno;
    close(in_fd);
    close(out_fd);
    return absl::InternalError(absl::StrCat("fork: ", ErrnoText(err)));
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    if (dup2(in_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
        dup2(out_fd, STDERR_FILENO) < 0) {
      _exit(127);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action;
    std::memset(&default_action, 0, sizeof(default_action));
    default_action.sa_handler = SIG_DFL;
    for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGPIPE}) {
      sigaction(sig, &default_action, nullptr);
    }
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  close(in_fd);
  close(out_fd);
  return pid;
}

// Polls waitpid until `pid` exits or `timeout` passes. Returns true and
// fills `status` when it exited.
bool PollExit(pid_t pid, absl::Duration timeout, ExitStatus* status) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    int wait_status = 0;
    pid_t r = waitpid(pid, &wait_status, WNOHANG);
    if (r == pid) {
      status->wait_status = wait_status;
      return true;
    }
    if (r < 0 && errno != EINTR) {
      // Not our child any more (should not happen): treat as gone.
      status->wait_status = 0;
      return true;
    }
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(kPollInterval);
  }
}

ExitStatus KillAndReap(pid_t pid) {
  kill(pid, SIGKILL);
  ExitStatus status;
  while (true) {
    int wait_status = 0;
    pid_t r = waitpid(pid, &wait_status, 0);
    if (r == pid) {
      status.wait_status = wait_status;
      return status;
    }
    if (r < 0 && errno != EINTR) return status;
  }
}

}  // namespace

std::filesystem::path HubBinary() { return ROSA_HUB_BINARY; }

std::filesystem::path TestPartnersFile() { return ROSA_TEST_PARTNERS; }

bool ExitStatus::exited() const { return WIFEXITED(wait_status); }
int ExitStatus::exit_code() const { return WEXITSTATUS(wait_status); }
bool ExitStatus::signaled() const { return WIFSIGNALED(wait_status); }
int ExitStatus::term_signal() const { return WTERMSIG(wait_status); }

std::string ExitStatus::ToString() const {
  if (exited()) return absl::StrCat("exit ", exit_code());
  if (signaled()) {
    return absl::StrCat("signal ", term_signal(), " (",
                        strsignal(term_signal()), ")");
  }
  return absl::StrCat("wait status ", wait_status);
}

absl::StatusOr<std::filesystem::path> MakeTempDir(const std::string& prefix) {
  std::filesystem::path base;
  if (const char* tmp = std::getenv("TEST_TMPDIR"); tmp != nullptr && *tmp) {
    base = tmp;
  } else {
    std::error_code ec;
    base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
  }
  std::string templ = (base / absl::StrCat("rosa-", prefix, "-XXXXXX"));
  if (mkdtemp(templ.data()) == nullptr) {
    return absl::InternalError(
        absl::StrCat("mkdtemp ", templ, ": ", ErrnoText(errno)));
  }
  return std::filesystem::path(templ);
}

HubProcess::HubProcess(HubOptions options, std::filesystem::path data_dir)
    : options_(std::move(options)),
      data_dir_(std::move(data_dir)),
      ready_file_(data_dir_ / "hub.ready") {}

absl::StatusOr<std::unique_ptr<HubProcess>> HubProcess::Start(
    HubOptions options) {
  auto dir = MakeTempDir("hub");
  if (!dir.ok()) return dir.status();
  std::unique_ptr<HubProcess> hub(new HubProcess(std::move(options), *dir));
  if (hub->options_.prepare_data_dir) {
    if (absl::Status s = hub->options_.prepare_data_dir(*dir); !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = hub->Launch(); !s.ok()) return s;
  return hub;
}

HubProcess::~HubProcess() {
  if (running()) Kill9();
  if (::testing::Test::HasFailure() ||
      std::getenv("ROSA_PRINT_HUB_LOG") != nullptr) {
    PrintLog();
  }
  if (std::getenv("ROSA_KEEP_TEST_DIRS") == nullptr) {
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  } else {
    std::cerr << "rosa-hub data directory kept: " << data_dir_ << "\n";
  }
}

std::string HubProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

absl::Status HubProcess::Launch() {
  std::error_code ec;
  std::filesystem::remove(ready_file_, ec);
  port_ = 0;
  ++runs_;
  std::vector<std::string> argv = {
      HubBinary().string(), "serve",
      "--listen",           "127.0.0.1:0",
      "--data-dir",         data_dir_.string(),
      "--partners",         options_.partners_file.string(),
      "--dev-pki",          "--ready-file",
      ready_file_.string()};
  argv.insert(argv.end(), options_.extra_args.begin(),
              options_.extra_args.end());
  AppendToFile(log_path(), absl::StrCat("===== rosa-hub run ", runs_, ": ",
                                        absl::StrJoin(argv, " "), "\n"));
  auto pid = Spawn(argv, log_path());
  if (!pid.ok()) return pid.status();
  pid_ = *pid;

  const absl::Time deadline = absl::Now() + options_.start_timeout;
  while (true) {
    std::string text = ReadWholeFile(ready_file_);
    if (!text.empty() && text.back() == '\n') {
      text.pop_back();
      int port = 0;
      if (!absl::SimpleAtoi(text, &port) || port <= 0 || port > 65535) {
        Kill9();
        return absl::InternalError(
            absl::StrCat("rosa-hub wrote a malformed ready file: '", text,
                         "'\n--- hub log ---\n", Tail(ReadLog())));
      }
      port_ = port;
      return absl::OkStatus();
    }
    ExitStatus exit_status;
    if (PollExit(pid_, absl::ZeroDuration(), &exit_status)) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat(
          "rosa-hub ended before it was ready (", exit_status.ToString(),
          ")\n--- hub log ---\n", Tail(ReadLog())));
    }
    if (absl::Now() >= deadline) {
      Kill9();
      return absl::DeadlineExceededError(
          absl::StrCat("rosa-hub wrote no ready file within ",
                       absl::FormatDuration(options_.start_timeout),
                       "\n--- hub log ---\n", Tail(ReadLog())));
    }
    absl::SleepFor(kPollInterval);
  }
}

bool HubProcess::WaitForExit(absl::Duration timeout, ExitStatus* status) {
  return PollExit(pid_, timeout, status);
}

void HubProcess::Kill9() {
  if (!running()) return;
  KillAndReap(pid_);
  pid_ = -1;
}

absl::StatusOr<ExitStatus> HubProcess::Terminate(absl::Duration timeout) {
  if (!running()) {
    return absl::FailedPreconditionError("rosa-hub is not running");
  }
  if (kill(pid_, SIGTERM) != 0) {
    return absl::InternalError(absl::StrCat("kill: ", ErrnoText(errno)));
  }
  ExitStatus status;
  if (WaitForExit(timeout, &status)) {
    pid_ = -1;
    return status;
  }
  Kill9();
  return absl::DeadlineExceededError(
      absl::StrCat("rosa-hub did not exit within ",
                   absl::FormatDuration(timeout), " of SIGTERM"));
}

absl::Status HubProcess::Restart() {
  Kill9();
  return Launch();
}

std::string HubProcess::ReadLog() const { return ReadWholeFile(log_path()); }

void HubProcess::PrintLog() const {
  std::cerr << "----- rosa-hub log (" << log_path().string() << ") -----\n"
            << ReadLog() << "----- end of rosa-hub log -----\n";
}

absl::Status RunHubCommand(const std::vector<std::string>& args,
                           const std::filesystem::path& log_path,
                           absl::Duration timeout) {
  std::vector<std::string> argv = {HubBinary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  if (!log_path.empty()) {
    AppendToFile(log_path,
                 absl::StrCat("===== ", absl::StrJoin(argv, " "), "\n"));
  }
  auto pid = Spawn(argv, log_path);
  if (!pid.ok()) return pid.status();
  ExitStatus status;
  if (!PollExit(*pid, timeout, &status)) {
    KillAndReap(*pid);
    return absl::DeadlineExceededError(
        absl::StrCat(absl::StrJoin(argv, " "), " did not finish within ",
                     absl::FormatDuration(timeout)));
  }
  if (!status.success()) {
    return absl::InternalError(absl::StrCat(
        absl::StrJoin(argv, " "), " failed: ", status.ToString(),
        log_path.empty()
            ? ""
            : absl::StrCat("\n--- log ---\n", Tail(ReadWholeFile(log_path)))));
  }
  return absl::OkStatus();
}

}  // namespace rosa::integration
