// The hub's resource limits, set on purpose in one place: what each
// partner may use (PartnerLimits, enforced by the PartnerGate) and what the
// gRPC server as a whole may use (streams per connection, memory and
// threads of gRPC's resource quota, and how long a connection may stay
// without a handshake or a call). Past a call limit a call gets
// RESOURCE_EXHAUSTED. Connections themselves are not capped (gRPC 1.51
// cannot): see the README's "Connections and file descriptors".
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
  // A connection that has not finished its TLS handshake by then is closed
  // (gRPC's default is 120 s): connections from anyone, certificate or
  // not, cannot hold descriptors for long without a handshake.
  int handshake_timeout_ms = 10'000;
  // A connection with no call for this long is closed (the client
  // reconnects when it next calls; a Watch stream is a call).
  int max_connection_idle_ms = 10 * 60'000;
};

// Sets the server-wide limits on `builder`.
void ApplyServerLimits(const ServerLimits& limits,
                       grpc::ServerBuilder& builder);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_SERVER_LIMITS_H_
