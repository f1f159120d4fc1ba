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
  // Every worker is started before any is waited for: they load the
  // plugin at once (start-up waits for the slowest, not for the sum).
  Pending pending{staged, {}};
  const int count = std::max(1, options.workers_per_plugin);
  for (int i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<WorkerProcess> worker,
                     WorkerProcess::Spawn(options, staged));
    pending.workers.push_back(std::move(worker));
  }
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
  for (auto& worker : pending.workers) {
    Slot slot;
    slot.state.pid = worker->pid();
    slot.worker = std::move(worker);
    pool->slots_.push_back(std::move(slot));
  }
  return std::shared_ptr<const WorkerPool>(std::move(pool));
}

bool WorkerPool::Refused(std::string_view payload_key) const {
  auto it = strikes_.find(payload_key);
  return it != strikes_.end() && it->second >= options_.poison_after;
}

size_t WorkerPool::Acquire() const {
  absl::MutexLock lock(&mu_);
  size_t free = slots_.size();
  auto some_free = [&] {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (!slots_[i].busy) {
        free = i;
        return true;
      }
    }
    return false;
  };
  mu_.Await(absl::Condition(&some_free));
  slots_[free].busy = true;
  return free;
}

void WorkerPool::Release(size_t slot,
                         std::unique_ptr<WorkerProcess> worker) const {
  absl::MutexLock lock(&mu_);
  Slot& s = slots_[slot];
  s.state.pid = worker != nullptr ? worker->pid() : 0;
  s.worker = std::move(worker);
  s.busy = false;
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
    size_t slot, pid_t old_pid, const std::string& crash) const {
  if (!crash.empty()) {
    spdlog::warn("plugins: worker {} of plugin {} died: {}; restarting",
                 old_pid, name_, crash);
  }
  rosa::plugin::v1::PluginManifest ignored;
  auto worker = WorkerProcess::Start(options_, staged_, &ignored);
  absl::MutexLock lock(&mu_);
  WorkerState& state = slots_[slot].state;
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
  ++state.restarts;
  return *std::move(worker);
}

absl::StatusOr<std::string> WorkerPool::Run(
    PluginCall call, std::string_view request,
    std::string_view payload_key) const {
  const auto refused = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "plugin ", name_, ": this payload made the plugin crash or overrun ",
        options_.poison_after, " times; it is refused"));
  };
  {
    absl::MutexLock lock(&mu_);
    if (Refused(payload_key)) return refused();
  }
  const size_t slot = Acquire();
  std::unique_ptr<WorkerProcess> worker;
  {
    absl::MutexLock lock(&mu_);
    worker = std::move(slots_[slot].worker);
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
    if (answer->kind == FrameKind::kFailure) return FrameStatus(*answer);
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
  for (const Slot& s : slots_) out.push_back(s.state);
  return out;
}

}  // namespace rosa
