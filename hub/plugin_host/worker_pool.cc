#include "hub/plugin_host/worker_pool.h"

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

// Payloads remembered for strikes; older ones are forgotten.
constexpr size_t kMaxRememberedPayloads = 4096;

}  // namespace

absl::StatusOr<std::shared_ptr<const WorkerPool>> WorkerPool::Start(
    const PluginWorkerOptions& options, const StagedPlugin& staged,
    rosa::plugin::v1::PluginManifest* manifest) {
  ASSIGN_OR_RETURN(Pending pending, Spawn(options, staged));
  return Await(options, std::move(pending), manifest);
}

absl::StatusOr<WorkerPool::Pending> WorkerPool::Spawn(
    const PluginWorkerOptions& options, const StagedPlugin& staged) {
  // One worker, to load and check the plugin and read its manifest; the
  // partners' workers start on their first calls.
  Pending pending{staged, {}};
  ASSIGN_OR_RETURN(std::unique_ptr<WorkerProcess> worker,
                   WorkerProcess::Spawn(options, staged));
  pending.workers.push_back(std::move(worker));
  return pending;
}

absl::StatusOr<std::shared_ptr<const WorkerPool>> WorkerPool::Await(
    const PluginWorkerOptions& options, Pending pending,
    rosa::plugin::v1::PluginManifest* manifest) {
  for (size_t i = 0; i < pending.workers.size(); ++i) {
    rosa::plugin::v1::PluginManifest m;
    RETURN_IF_ERROR(pending.workers[i]->AwaitStart(pending.staged, &m));
    if (i == 0) *manifest = std::move(m);
  }
  auto pool = std::shared_ptr<WorkerPool>(
      new WorkerPool(options, pending.staged, manifest->name()));
  absl::MutexLock lock(&pool->mu_);
  if (!pending.workers.empty()) pool->spare_ = std::move(pending.workers[0]);
  return std::shared_ptr<const WorkerPool>(std::move(pool));
}

bool WorkerPool::Refused(std::string_view payload_key) const {
  auto it = strikes_.find(payload_key);
  return it != strikes_.end() && it->second >= options_.poison_after;
}

WorkerPool::Slot* WorkerPool::Acquire(std::string_view partner_id) const {
  absl::MutexLock lock(&mu_);
  auto it = partners_.find(partner_id);
  if (it == partners_.end()) {
    it = partners_
             .emplace(std::string(partner_id),
                      std::vector<Slot>(static_cast<size_t>(
                          std::max(1, options_.workers_per_partner))))
             .first;
  }
  std::vector<Slot>& slots = it->second;
  Slot* free = nullptr;
  auto some_free = [&] {
    for (Slot& slot : slots) {
      if (!slot.busy) {
        free = &slot;
        return true;
      }
    }
    return false;
  };
  mu_.Await(absl::Condition(&some_free));
  free->busy = true;
  free->used = true;
  if (free->worker == nullptr && spare_ != nullptr) {
    free->state.pid = spare_->pid();
    free->worker = std::move(spare_);
  }
  return free;
}

void WorkerPool::Release(Slot* slot,
                         std::unique_ptr<WorkerProcess> worker) const {
  absl::MutexLock lock(&mu_);
  slot->state.pid = worker != nullptr ? worker->pid() : 0;
  slot->worker = std::move(worker);
  slot->busy = false;
}

void WorkerPool::Strike(std::string_view payload_key) const {
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = strikes_.try_emplace(std::string(payload_key), 0);
  ++it->second;
  if (inserted) {
    strike_order_.emplace_back(payload_key);
    if (strike_order_.size() > kMaxRememberedPayloads) {
      strikes_.erase(strike_order_.front());
      strike_order_.pop_front();
    }
  }
}

std::unique_ptr<WorkerProcess> WorkerPool::Replace(
    Slot* slot, pid_t old_pid, const std::string& crash) const {
  if (!crash.empty()) {
    spdlog::warn("plugins: worker {} of plugin {} died: {}; restarting",
                 old_pid, name_, crash);
  }
  rosa::plugin::v1::PluginManifest ignored;
  auto worker = WorkerProcess::Start(options_, staged_, &ignored);
  absl::MutexLock lock(&mu_);
  WorkerState& state = slot->state;
  if (!crash.empty()) {
    ++state.crashes;
    state.last_crash = crash;
    state.last_crash_at = absl::Now();
  }
  if (!worker.ok()) {
    spdlog::error("plugins: a worker of plugin {} cannot restart: {}", name_,
                  std::string(worker.status().message()));
    return nullptr;
  }
  if (old_pid != 0) ++state.restarts;
  return *std::move(worker);
}

absl::StatusOr<std::string> WorkerPool::Run(PluginCall call,
                                            std::string_view request,
                                            std::string_view payload_key,
                                            std::string_view partner_id) const {
  const auto refused = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "plugin ", name_, ": this payload made the plugin crash or overrun ",
        options_.poison_after, " times; it is refused"));
  };
  {
    absl::MutexLock lock(&mu_);
    if (Refused(payload_key)) return refused();
  }
  Slot* const slot = Acquire(partner_id);
  std::unique_ptr<WorkerProcess> worker;
  {
    absl::MutexLock lock(&mu_);
    worker = std::move(slot->worker);
  }
  // A worker that went wrong since its last answer is replaced first: its
  // failure is no fault of this payload, which is not struck.
  if (worker != nullptr) {
    const pid_t idle_pid = worker->pid();
    if (!worker->Sound()) worker = Replace(slot, idle_pid, worker->death());
  }
  if (worker == nullptr) worker = Replace(slot, 0, "");
  if (worker == nullptr) {
    Release(slot, nullptr);
    return absl::UnavailableError(
        absl::StrCat("plugin ", name_, ": no worker could be started"));
  }
  Frame frame;
  frame.kind =
      call == PluginCall::kDecode ? FrameKind::kDecode : FrameKind::kEncode;
  frame.body = std::string(request);
  const pid_t pid = worker->pid();
  absl::StatusOr<Frame> answer =
      worker->Call(std::move(frame), options_.call_deadline);
  if (answer.ok()) {
    if (worker->dead()) worker = Replace(slot, pid, "");  // Retired.
    Release(slot, std::move(worker));
    // Never the worker's own code and words (FrameStatus): a plugin that
    // took its worker over chooses them.
    if (answer->kind == FrameKind::kFailure) {
      return FailedInsidePlugin(name_, CallName(call));
    }
    return std::move(answer->body);
  }
  const std::string death = worker->death();
  Strike(payload_key);
  Release(slot, Replace(slot, pid, death));
  return absl::UnavailableError(
      absl::StrCat("plugin ", name_, ": its worker failed on this payload (",
                   death, ") and was restarted; try again later"));
}

std::vector<WorkerState> WorkerPool::Workers() const {
  absl::MutexLock lock(&mu_);
  std::vector<WorkerState> out;
  if (spare_ != nullptr) {
    out.emplace_back();
    out.back().pid = spare_->pid();
  }
  for (const auto& [partner, slots] : partners_) {
    for (const Slot& s : slots) {
      if (!s.used) continue;
      out.push_back(s.state);
      out.back().partner = partner;
    }
  }
  return out;
}

}  // namespace rosa
