// One plugin worker as the hub sees it: a process forked by the plugin
// fork server (fork_server.h; the default, options.fork_server) or, without
// it, a `rosa-plugin-worker plugin-worker` process started with
// posix_spawn (spawn_child.h). Either way it has an empty environment,
// stdin/stdout/stderr on /dev/null and one end of a socketpair as its only
// other descriptor (3), whose peer is its parent. Nothing else is
// inherited: no key, no database handle, no certificate, no listening
// socket.
//
// A call that fails at the process level - the worker crashed, overran the
// deadline, or spoke garbage - kills it (SIGKILL) and reaps it; the worker
// is then dead() and death() says why, never with anything of the payload.
//
// Thread-compatible: one caller at a time (the pool hands a worker to one
// call at a time).
#ifndef ROSA_HUB_PLUGIN_HOST_WORKER_PROCESS_H_
#define ROSA_HUB_PLUGIN_HOST_WORKER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/plugin_host/fork_server.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/worker_options.h"
#include "hub/plugin_host/worker_wire.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

// "blocked system call (SIGSYS)", "signal SIGSEGV", "exit 3", from a
// waitpid status.
std::string DescribeWorkerExit(int wait_status);

class WorkerProcess {
 public:
  // Starts a worker for `staged` and waits (up to options.start_deadline)
  // for it to load the plugin. Its manifest goes to `manifest`. A plugin
  // refused by the worker's checks gives the worker's error unchanged
  // (FAILED_PRECONDITION naming the file); a worker that dies or does not
  // answer gives UNAVAILABLE.
  static absl::StatusOr<std::unique_ptr<WorkerProcess>> Start(
      const PluginWorkerOptions& options, const StagedPlugin& staged,
      rosa::plugin::v1::PluginManifest* manifest);

  // Start in two steps, so that many workers load their plugins at once:
  // Spawn starts the process and returns at once; AwaitStart then waits
  // (until options.start_deadline after Spawn) for it to load the plugin
  // and fails as Start does. REQUIRES: AwaitStart is called once, before
  // Call.
  static absl::StatusOr<std::unique_ptr<WorkerProcess>> Spawn(
      const PluginWorkerOptions& options, const StagedPlugin& staged);
  absl::Status AwaitStart(const StagedPlugin& staged,
                          rosa::plugin::v1::PluginManifest* manifest);

  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;
  // Kills the worker if it still runs and reaps it.
  ~WorkerProcess();

  pid_t pid() const { return pid_; }
  bool dead() const { return pid_ == 0; }
  // Why it died; empty while it runs.
  const std::string& death() const { return death_; }

  // Whether the worker is fit for a request: it still runs, wrote nothing
  // since its last answer, and used next to no CPU since (an idle worker
  // waits in read). If not it is buried and death() says why: a failure
  // from before the request, which is no payload's fault. Cheap: a poll,
  // a waitpid or pidfd poll, and /proc/<pid>/stat.
  bool Sound();

  // Sends `request` under the next request id and waits up to `deadline`
  // for the answer frame with that id (a kAnswer or kFailure, which the
  // caller interprets). UNAVAILABLE when the worker died, timed out or
  // broke the protocol - an answer with another id, anything it wrote
  // while it had no request, or an answer over AnswerCap (worker_wire.h),
  // refused unread: it is then dead().
  absl::StatusOr<Frame> Call(Frame request, absl::Duration deadline);

 private:
  WorkerProcess(pid_t pid, int fd, absl::Time start_until)
      : pid_(pid), fd_(fd), start_until_(start_until) {}

  // Kills (unless it already exits by itself) and reaps the worker, and
  // records why it died; `reason` overrides the exit description.
  void Bury(std::string reason);

  pid_t pid_;
  int fd_;
  // Set when the fork server started it: it reaps the worker, which is
  // signalled through its pidfd.
  std::shared_ptr<ForkServer> server_;
  int pidfd_ = -1;
  // When a worker that has not loaded its plugin is given up.
  absl::Time start_until_;
  std::string death_;
  // The id of the next request (the manifest frame has 0).
  uint32_t next_id_ = 1;
  // Its CPU time (clock ticks) when it last answered; -1 if unknown.
  int64_t answered_at_cpu_ = -1;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_WORKER_PROCESS_H_
