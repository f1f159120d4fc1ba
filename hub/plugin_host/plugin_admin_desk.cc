#include "hub/plugin_host/plugin_admin_desk.h"

#include <string>

#include "absl/status/status.h"
#include "common/time_util.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

v1::LoadedPlugin Describe(const PluginHost::Entry& entry) {
  v1::LoadedPlugin out;
  const LoadedPlugin& p = *entry.plugin;
  out.set_name(p.name());
  out.set_version(p.manifest().version());
  out.set_file_sha256(p.file_sha256());
  out.set_file(p.file().filename().string());
  *out.mutable_decodes() = p.manifest().decodes();
  *out.mutable_encodes() = p.manifest().encodes();
  out.set_generation(entry.generation);
  for (const WorkerState& w : p.workers()) {
    v1::PluginWorker* worker = out.add_workers();
    worker->set_pid(static_cast<uint32_t>(w.pid));
    worker->set_restarts(w.restarts);
    worker->set_crashes(w.crashes);
    worker->set_last_crash(w.last_crash);
    if (w.last_crash_at != absl::InfinitePast()) {
      *worker->mutable_last_crash_time() = ToProtoTime(w.last_crash_at);
    }
  }
  return out;
}

absl::Status RequireCoordinator(const Partner& caller) {
  if (caller.is_coordinator()) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "plugin administration is for ROSA's operators");
}

}  // namespace

absl::StatusOr<v1::ListPluginsResponse> PluginAdminDesk::List(
    const Partner& caller, const v1::ListPluginsRequest&) const {
  if (absl::Status s = RequireCoordinator(caller); !s.ok()) return s;
  v1::ListPluginsResponse out;
  for (const PluginHost::Entry& e : plugins_->List()) {
    *out.add_plugins() = Describe(e);
  }
  return out;
}

absl::StatusOr<v1::LoadedPlugin> PluginAdminDesk::Reload(
    const Partner& caller, const v1::ReloadPluginRequest& request) {
  if (absl::Status s = RequireCoordinator(caller); !s.ok()) return s;
  auto entry = plugins_->Reload(request.name());
  if (!entry.ok()) {
    spdlog::warn("plugins: reload of {} by {} refused: {}", request.name(),
                 caller.id, std::string(entry.status().message()));
    return entry.status();
  }
  spdlog::info("plugins: {} reloaded by {}: version {}, generation {}",
               request.name(), caller.id, entry->plugin->manifest().version(),
               entry->generation);
  return Describe(*entry);
}

}  // namespace rosa
