// The standard gRPC health check (grpc.health.v1.Health/Check) as a partner
// would call it, over the partner's mutual-TLS channel. The hub serves
// gRPC's built-in health service, so this sends the wire form of
// HealthCheckRequest{service: ""} and reads HealthCheckResponse.status.
//
// Example:
//   absl::StatusOr<HealthState> state =
//       CheckHealth(*channel, absl::Seconds(5));
//
// Thread-safety: thread-safe; each call makes its own stub.
#ifndef ROSA_HUB_CLIENT_HEALTH_CHECK_H_
#define ROSA_HUB_CLIENT_HEALTH_CHECK_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace rosa {

// grpc.health.v1.HealthCheckResponse.ServingStatus.
enum class HealthState {
  kUnknown = 0,
  kServing = 1,
  kNotServing = 2,
  kServiceUnknown = 3,
};

std::string_view HealthStateName(HealthState state);

// Decodes a serialized HealthCheckResponse. An error if the bytes are not
// one (unknown fields are skipped, as protobuf does).
absl::StatusOr<HealthState> ParseHealthResponse(std::string_view bytes);

// One Check call for the whole server (service ""). A transport or RPC
// failure (no hub listening, handshake refused, PERMISSION_DENIED) is the
// call's status; otherwise the state the hub reported.
absl::StatusOr<HealthState> CheckHealth(grpc::Channel& channel,
                                        absl::Duration timeout);

}  // namespace rosa

#endif  // ROSA_HUB_CLIENT_HEALTH_CHECK_H_
