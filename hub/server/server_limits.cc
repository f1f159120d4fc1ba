#include "hub/server/server_limits.h"

#include <grpcpp/resource_quota.h>

namespace rosa {

void ApplyServerLimits(const ServerLimits& limits,
                       grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             limits.max_streams_per_connection);
  grpc::ResourceQuota quota("rosa-hub");
  quota.Resize(limits.max_memory_bytes);
  quota.SetMaxThreads(limits.max_threads);
  builder.SetResourceQuota(quota);
}

}  // namespace rosa
