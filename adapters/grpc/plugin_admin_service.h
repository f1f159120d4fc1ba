// rosa.hub.v1.PluginAdmin: ROSA's operators list the loaded plugins and
// reload one while traffic flows. Only coordinator partners may call it;
// for anyone else it is PERMISSION_DENIED (it concerns no partner's data).
// Thread-safety: gRPC calls in from its own threads; PluginHost is
// thread-safe.
#ifndef ROSA_ADAPTERS_GRPC_PLUGIN_ADMIN_SERVICE_H_
#define ROSA_ADAPTERS_GRPC_PLUGIN_ADMIN_SERVICE_H_

#include "hub/partner/partner_registry.h"
#include "hub/plugin_host/plugin_host.h"
#include "rosa/hub/v1/plugin_admin_service.grpc.pb.h"

namespace rosa {

class PluginAdminService final
    : public rosa::hub::v1::PluginAdmin::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  PluginAdminService(const PartnerRegistry* registry, PluginHost* plugins)
      : registry_(registry), plugins_(plugins) {}

  grpc::ServerUnaryReactor* ListPlugins(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListPluginsRequest* request,
      rosa::hub::v1::ListPluginsResponse* response) override;

  grpc::ServerUnaryReactor* ReloadPlugin(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ReloadPluginRequest* request,
      rosa::hub::v1::LoadedPlugin* response) override;

 private:
  const PartnerRegistry* registry_;
  PluginHost* plugins_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_GRPC_PLUGIN_ADMIN_SERVICE_H_
