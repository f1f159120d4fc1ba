// HubProcess runs the real rosa-hub executable for an integration test: a
// fresh temporary data directory, the test partner registry, the development
// PKI, and a port chosen by the kernel. The hub's stderr goes to a log file in
// the data directory; the log is printed when the current test has failed.
//
// Example:
//   auto hub = HubProcess::Start();
//   ASSERT_TRUE(hub.ok()) << hub.status();
//   auto channel = PartnerChannel((*hub)->port(), (*hub)->pki_dir(), "rosa");
//
// Thread-compatible: one thread drives a HubProcess. The process is started
// with PR_SET_PDEATHSIG, so it dies with the thread that started it; start
// and restart it from the test's main thread.
#ifndef ROSA_TESTS_INTEGRATION_HUB_PROCESS_H_
#define ROSA_TESTS_INTEGRATION_HUB_PROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa::integration {

// The path of the rosa-hub executable under test.
std::filesystem::path HubBinary();
// The partner registry of the integration tests (testdata/partners.json).
std::filesystem::path TestPartnersFile();

// How a process ended, as waitpid reports it.
struct ExitStatus {
  int wait_status = 0;

  bool exited() const;
  // The exit code; meaningful only when exited().
  int exit_code() const;
  bool signaled() const;
  // The terminating signal; meaningful only when signaled().
  int term_signal() const;
  // True for a normal exit with code 0.
  bool success() const { return exited() && exit_code() == 0; }
  // "exit 0", "signal 9", ...
  std::string ToString() const;
};

struct HubOptions {
  // The partner registry passed with --partners.
  std::filesystem::path partners_file = TestPartnersFile();
  // More arguments appended to the serve command line.
  std::vector<std::string> extra_args = {};
  // How long to wait for the ready file.
  absl::Duration start_timeout = absl::Seconds(30);
  // When set, runs on the fresh, empty data directory before the first
  // start (to restore a backup into it, say); an error fails Start.
  std::function<absl::Status(const std::filesystem::path& data_dir)>
      prepare_data_dir = nullptr;
};

class HubProcess {
 public:
  // Creates a temporary data directory and starts the hub in it. Fails if the
  // hub does not write its ready file within options.start_timeout or exits
  // before that; the error then carries the end of the hub's log.
  static absl::StatusOr<std::unique_ptr<HubProcess>> Start(
      HubOptions options = {});

  HubProcess(const HubProcess&) = delete;
  HubProcess& operator=(const HubProcess&) = delete;
  // Kills the hub (SIGKILL) if it still runs and removes the data directory.
  // Prints the hub's log first if the current test has failed.
  ~HubProcess();

  // The port the running hub listens on; changes with every (re)start.
  int port() const { return port_; }
  // "127.0.0.1:<port>".
  std::string address() const;
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // The development PKI the hub made: data_dir()/pki.
  std::filesystem::path pki_dir() const { return data_dir_ / "pki"; }
  // The hub's stderr of every run, appended.
  std::filesystem::path log_path() const { return data_dir_ / "hub.log"; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // Sends SIGKILL and reaps the process. Does nothing if it is not running.
  void Kill9();
  // Sends SIGTERM and waits up to `timeout` for the process to exit. On
  // timeout it is killed with SIGKILL and DEADLINE_EXCEEDED is returned.
  absl::StatusOr<ExitStatus> Terminate(
      absl::Duration timeout = absl::Seconds(10));
  // Starts the hub again on the same data directory (killing it first if it
  // still runs). The port usually changes.
  absl::Status Restart();

  // The whole log file.
  std::string ReadLog() const;
  // Writes the log to stderr.
  void PrintLog() const;

 private:
  HubProcess(HubOptions options, std::filesystem::path data_dir);

  // Spawns `rosa-hub serve` and waits for the ready file.
  absl::Status Launch();
  // Waits up to `timeout` for the child to exit; false on timeout.
  bool WaitForExit(absl::Duration timeout, ExitStatus* status);

  HubOptions options_;
  std::filesystem::path data_dir_;
  std::filesystem::path ready_file_;
  pid_t pid_ = -1;
  int port_ = 0;
  int runs_ = 0;
};

// Runs the hub executable with `args` (for example {"pki", "issue",
// "--pki-dir", dir, "--partner", "intruder"}) to completion, at most
// `timeout`. Its stdout and stderr are appended to `log_path` when set,
// otherwise discarded. Returns an error if it did not exit with code 0,
// including the tail of the log.
absl::Status RunHubCommand(const std::vector<std::string>& args,
                           const std::filesystem::path& log_path = {},
                           absl::Duration timeout = absl::Seconds(60));

// A fresh directory under the test temporary directory (TEST_TMPDIR or
// /tmp), named after `prefix`. The caller removes it.
absl::StatusOr<std::filesystem::path> MakeTempDir(const std::string& prefix);

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_HUB_PROCESS_H_
