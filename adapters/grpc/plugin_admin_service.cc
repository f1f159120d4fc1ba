#include "adapters/grpc/plugin_admin_service.h"

#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* PluginAdminService::ListPlugins(
    grpc::CallbackServerContext* context, const v1::ListPluginsRequest* request,
    v1::ListPluginsResponse* response) {
  return ServeUnary(context, *registry_, "ListPlugins", response,
                    [&](const Partner& caller, auto finish) {
                      finish(desk_.List(caller, *request));
                    });
}

grpc::ServerUnaryReactor* PluginAdminService::ReloadPlugin(
    grpc::CallbackServerContext* context,
    const v1::ReloadPluginRequest* request, v1::LoadedPlugin* response) {
  // Loading maps a library or starts workers: quick, and never waits on
  // the store.
  return ServeUnary(context, *registry_, "ReloadPlugin", response,
                    [&](const Partner& caller, auto finish) {
                      finish(desk_.Reload(caller, *request));
                    });
}

}  // namespace rosa
