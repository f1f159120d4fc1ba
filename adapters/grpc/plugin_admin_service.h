// rosa.hub.v1.PluginAdmin over gRPC: identifies the caller and hands the
// request to the plugin admin desk (hub/plugin_host/plugin_admin_desk.h),
// which decides (ROSA only; anyone else PERMISSION_DENIED).
// Thread-safety: gRPC calls in from its own threads; the desk is
// thread-safe.
#ifndef ROSA_ADAPTERS_GRPC_PLUGIN_ADMIN_SERVICE_H_
#define ROSA_ADAPTERS_GRPC_PLUGIN_ADMIN_SERVICE_H_

#include "hub/partner/partner_registry.h"
#include "hub/plugin_host/plugin_admin_desk.h"
#include "hub/plugin_host/plugin_host.h"
#include "rosa/hub/v1/plugin_admin_service.grpc.pb.h"

namespace rosa {

class PluginAdminService final
    : public rosa::hub::v1::PluginAdmin::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  PluginAdminService(const PartnerRegistry* registry, PluginHost* plugins)
      : registry_(registry), desk_(plugins) {}

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
  PluginAdminDesk desk_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_GRPC_PLUGIN_ADMIN_SERVICE_H_
