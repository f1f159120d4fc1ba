// The hub's side of the plugin fork server (fork_server_main.h): one
// `rosa-plugin-worker plugin-fork-server` process, exec'd once, that forks
// every plugin worker, so that the worker's shared libraries load once
// instead of once per worker, and so that a worker's parent is always that
// single-threaded process - never the hub thread that asked for it (a
// parent-death signal follows the thread that forked: a worker forked by a
// short-lived gRPC thread would die with that thread).
//
// The fork server is started like a worker (posix_spawn, empty
// environment, stdio on /dev/null, a socket from the hub at descriptor 3).
// Spawn hands back the worker's pid, the hub's end of its socket and a
// pidfd (signals reach that worker and never a process that reused its
// pid); the fork server reaps the worker and AwaitExit gives its waitpid
// status, so supervision describes a death exactly as for an exec'd worker.
//
// If the fork server dies, its workers die with it (their parent-death
// signal); it is then dead(), every call of its workers fails UNAVAILABLE
// and their death reads "its fork server died"; Shared starts a new one
// for the replacements (worker_process.cc falls back to exec'ing the
// worker if none can start).
//
// Thread-safety: all methods may be called from any thread at once.
#ifndef ROSA_HUB_PLUGIN_HOST_FORK_SERVER_H_
#define ROSA_HUB_PLUGIN_HOST_FORK_SERVER_H_

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/plugin_host/fork_server_wire.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/worker_options.h"

namespace rosa {

class ForkServer {
 public:
  // The hub's fork server for options.executable: the running one, or a
  // new one if there is none yet or it died. UNAVAILABLE (logged) if none
  // can start, and from then on for good if one died before it ever
  // answered (an executable without the subcommand): the workers are then
  // exec'd one by one.
  static absl::StatusOr<std::shared_ptr<ForkServer>> Shared(
      const PluginWorkerOptions& options);

  // Starts a fork server from `executable`.
  static absl::StatusOr<std::shared_ptr<ForkServer>> Start(
      const std::filesystem::path& executable);

  ForkServer(const ForkServer&) = delete;
  ForkServer& operator=(const ForkServer&) = delete;
  // Kills the fork server (and so its workers) and reaps it.
  ~ForkServer();

  struct Child {
    pid_t pid = 0;
    int socket_fd = -1;  // The hub's end of the worker's socket.
    int pidfd = -1;
  };
  // Forks a worker for `staged`; the descriptors are the caller's to close.
  // UNAVAILABLE if the fork server is or becomes dead (or does not answer
  // by `deadline`, a SteadyClock reading: it is then killed); the fork's
  // errno if it refused.
  absl::StatusOr<Child> Spawn(const PluginWorkerOptions& options,
                              const StagedPlugin& staged, absl::Time deadline);

  // The waitpid status of worker `pid` once the fork server reaped it,
  // waiting until `deadline` (a SteadyClock reading); nullopt if it has not
  // ended by then or the fork server died (and with it the worker).
  std::optional<int> AwaitExit(pid_t pid, absl::Time deadline);

  pid_t pid() const { return pid_; }
  bool dead() const;
  // Whether it ever answered a Spawn.
  bool answered() const;

 private:
  ForkServer(pid_t pid, int control_fd) : pid_(pid), control_fd_(control_fd) {}

  // Reads every message waiting (or, with `wait`, at most one, waiting
  // until `deadline`), keeping exit reports; returns a spawn answer if one
  // came. Marks the server dead when the socket closed.
  std::optional<ForkServerMessage> Drain(bool wait, absl::Time deadline)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Die() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const pid_t pid_;
  const int control_fd_;
  mutable absl::Mutex mu_;
  bool dead_ ABSL_GUARDED_BY(mu_) = false;
  bool answered_ ABSL_GUARDED_BY(mu_) = false;
  // Exit reports not yet asked for: pid -> waitpid status.
  std::map<pid_t, int> exits_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_FORK_SERVER_H_
