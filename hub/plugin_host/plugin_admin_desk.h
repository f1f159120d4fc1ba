// The plugin admin desk: rosa.hub.v1.PluginAdmin's decisions for a caller.
// ROSA's operators list the loaded plugins (name, version, file, generation
// and each worker's state) and reload one by name while traffic flows.
// Plugins concern no partner's data, so for anyone but a coordinator the
// answer is PERMISSION_DENIED. A reload finds the file by the name of a
// loaded plugin (PluginHost::Reload), never by a path from the caller.
//
// Thread-safety: safe to call from any thread (PluginHost is). Reload
// blocks while the plugin loads (maps a library or starts its workers); it
// never waits on the store.
#ifndef ROSA_HUB_PLUGIN_HOST_PLUGIN_ADMIN_DESK_H_
#define ROSA_HUB_PLUGIN_HOST_PLUGIN_ADMIN_DESK_H_

#include "absl/status/statusor.h"
#include "hub/partner/partner.h"
#include "hub/plugin_host/plugin_host.h"
#include "rosa/hub/v1/plugin_admin_service.pb.h"

namespace rosa {

class PluginAdminDesk {
 public:
  // REQUIRES: `plugins` outlives the desk.
  explicit PluginAdminDesk(PluginHost* plugins) : plugins_(plugins) {}

  // Every loaded plugin, sorted by name.
  absl::StatusOr<rosa::hub::v1::ListPluginsResponse> List(
      const Partner& caller,
      const rosa::hub::v1::ListPluginsRequest& request) const;

  // Loads the named plugin's file again and switches to it; a reload that
  // fails keeps the current version (FAILED_PRECONDITION naming the file
  // and the mismatch). A name that breaks the plugin name rule
  // (common/name_rule.h) is INVALID_ARGUMENT, one of no loaded plugin
  // NOT_FOUND; neither answer nor log line repeats a refused name that
  // breaks the rule.
  absl::StatusOr<rosa::hub::v1::LoadedPlugin> Reload(
      const Partner& caller, const rosa::hub::v1::ReloadPluginRequest& request);

 private:
  PluginHost* plugins_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_PLUGIN_ADMIN_DESK_H_
