#include "hub/plugin_host/plugin_admin_desk.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/name_rule.h"
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
    worker->set_partner_id(w.partner);
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
  // The name is the caller's text: until it passes the rule it may be a
  // path, a newline that would forge a log line, or anything else, and is
  // neither echoed nor logged. A valid name only ever finds a loaded
  // plugin, whose file PluginHost knows: nothing outside the plugin folder
  // is ever loaded.
  const std::string& name = request.name();
  if (!IsValidName(name)) {
    spdlog::warn("plugins: reload by {} refused: the name is not a plugin name",
                 caller.id);
    return absl::InvalidArgumentError(
        absl::StrCat("name: must be a plugin name, ", kNameRule));
  }
  auto entry = plugins_->Reload(name);
  if (!entry.ok()) {
    // NOT_FOUND for a name no plugin has, else names the plugin's file and
    // what does not match; nothing of the caller's.
    spdlog::warn("plugins: reload of {} by {} refused: {}", name, caller.id,
                 absl::CHexEscape(entry.status().message()));
    return entry.status();
  }
  spdlog::info("plugins: {} reloaded by {}: version {}, generation {}", name,
               caller.id, absl::CHexEscape(entry->plugin->manifest().version()),
               entry->generation);
  return Describe(*entry);
}

}  // namespace rosa
