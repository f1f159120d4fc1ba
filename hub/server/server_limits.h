// The hub's resource limits, set on purpose in one place: what each
// partner may use (PartnerLimits, enforced by the PartnerGate) and what the
// gRPC server as a whole may use (streams per connection, memory and
// threads of gRPC's resource quota). Past any of them a call gets
// RESOURCE_EXHAUSTED; the hub does not grow until the kernel kills it.
// Thread-safety: plain data and a function over it.
#ifndef ROSA_HUB_SERVER_SERVER_LIMITS_H_
#define ROSA_HUB_SERVER_SERVER_LIMITS_H_

#include <grpcpp/grpcpp.h>

#include <cstddef>

#include "hub/server/partner_gate.h"

namespace rosa {

struct ServerLimits {
  PartnerLimits partner;
  // Concurrent calls on one connection (HTTP/2 MAX_CONCURRENT_STREAMS);
  // a client past it waits for a call to end.
  int max_streams_per_connection = 100;
  // Memory gRPC may use for connections and calls (its resource quota).
  size_t max_memory_bytes = size_t{512} << 20;
  // Threads gRPC may use for synchronous handlers (reflection).
  int max_threads = 64;
};

// Sets the server-wide limits on `builder`.
void ApplyServerLimits(const ServerLimits& limits,
                       grpc::ServerBuilder& builder);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_SERVER_LIMITS_H_
