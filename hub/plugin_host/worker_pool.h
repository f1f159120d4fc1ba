// The worker processes of one plugin, and their supervision. Each partner
// of the plugin has workers of its own, for decode and encode alike (the
// partner that sends a payload, or receives an encoded one): no worker
// process ever handles two partners' data, so a worker a hostile payload
// took over sees only what its own partner sends. A partner's workers
// start on its first call (options.workers_per_partner of them, each when
// first needed); the one worker started at load, which reads the manifest,
// serves the first partner that calls. Each call takes a free worker of its
// partner (waiting while all are busy), so calls of one partner run as many
// at once as it has workers, and calls of different partners or plugins
// never wait for each other.
//
// A worker that crashes or overruns the call deadline is killed, reaped and
// replaced, and the call fails UNAVAILABLE naming the plugin - a partner
// retries, and nothing of the payload was applied, since the core applies
// only what the plugin answered. Each crash is counted against the payload
// (its SHA-256, whichever partner sent it): one that crashed workers
// options.poison_after times is then refused with INVALID_ARGUMENT without
// running it again. Only a failure during the payload's own call on a
// worker that was sound when it started counts: a worker that went wrong
// since its last answer (died, wrote, or used CPU while idle;
// WorkerProcess::Sound) is replaced before the payload is sent, and the
// payload runs on the new one unblamed. Crashes and restarts are counted
// and logged with the plugin, the pid and the signal, never the payload. A
// failure the worker reports is FailedInsidePlugin (plugin_runner.h), never
// the code and words the worker sent.
//
// Thread-safety: all methods may be called from any thread at once.
#ifndef ROSA_HUB_PLUGIN_HOST_WORKER_POOL_H_
#define ROSA_HUB_PLUGIN_HOST_WORKER_POOL_H_

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/plugin_runner.h"
#include "hub/plugin_host/worker_options.h"
#include "hub/plugin_host/worker_process.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

class WorkerPool : public PluginRunner {
 public:
  // Starts a worker for `staged` (kept for the first partner that calls);
  // the plugin's manifest, as it read it, goes to `manifest`. Fails as
  // WorkerProcess::Start does.
  static absl::StatusOr<std::shared_ptr<const WorkerPool>> Start(
      const PluginWorkerOptions& options, const StagedPlugin& staged,
      rosa::plugin::v1::PluginManifest* manifest);

  // Start in two steps, so that many plugins' workers load at once: Spawn
  // starts the worker, Await waits for it. Workers come from the fork
  // server (options.fork_server), so any thread may start them. Without
  // it, a worker's parent-death signal (PR_SET_PDEATHSIG) follows the
  // thread that exec'd it: if that thread ends after the worker set the
  // signal, the worker dies; if it ends before, the worker is reparented
  // and lives on unsupervised. Either way that thread must live as long
  // as the workers.
  struct Pending {
    StagedPlugin staged;
    std::vector<std::unique_ptr<WorkerProcess>> workers;
  };
  static absl::StatusOr<Pending> Spawn(const PluginWorkerOptions& options,
                                       const StagedPlugin& staged);
  static absl::StatusOr<std::shared_ptr<const WorkerPool>> Await(
      const PluginWorkerOptions& options, Pending pending,
      rosa::plugin::v1::PluginManifest* manifest);

  // Stops every worker.
  ~WorkerPool() override = default;

  absl::StatusOr<std::string> Run(PluginCall call, std::string_view request,
                                  std::string_view payload_key,
                                  std::string_view partner_id) const override;
  std::vector<WorkerState> Workers() const override;

 private:
  struct Slot {
    // Null before its first call and after a failed restart.
    std::unique_ptr<WorkerProcess> worker;
    bool busy = false;
    bool used = false;  // Ever acquired: listed by Workers() from then on.
    WorkerState state;
  };

  WorkerPool(const PluginWorkerOptions& options, StagedPlugin staged,
             std::string name)
      : options_(options), staged_(std::move(staged)), name_(std::move(name)) {}

  // Takes a free slot of `partner_id` (its slots made on its first call),
  // waiting while all are busy; its worker, if it has none yet, is the
  // spare started at load if that is still unused. The slot stays where it
  // is: partners' slots are never removed.
  Slot* Acquire(std::string_view partner_id) const;
  // Gives `slot` back with `worker` (null if it could not be restarted).
  void Release(Slot* slot, std::unique_ptr<WorkerProcess> worker) const;
  // A new worker in place of one that died (`crash` says why, empty for one
  // that retired or a slot's first); null, logged, if it cannot start.
  std::unique_ptr<WorkerProcess> Replace(Slot* slot, pid_t old_pid,
                                         const std::string& crash) const;
  // Counts a crash against the payload.
  void Strike(std::string_view payload_key) const;
  bool Refused(std::string_view payload_key) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const PluginWorkerOptions options_;
  const StagedPlugin staged_;
  const std::string name_;

  mutable absl::Mutex mu_;
  // The worker started at load, until a partner's first call takes it.
  mutable std::unique_ptr<WorkerProcess> spare_ ABSL_GUARDED_BY(mu_);
  // Each partner's slots, by partner id.
  mutable std::map<std::string, std::vector<Slot>, std::less<>> partners_
      ABSL_GUARDED_BY(mu_);
  // Crashes per payload SHA-256, the oldest forgotten first.
  mutable std::map<std::string, int, std::less<>> strikes_ ABSL_GUARDED_BY(mu_);
  mutable std::deque<std::string> strike_order_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_WORKER_POOL_H_
