// The RPC edge: converts the hub's absl::Status to grpc::Status and gRPC
// deadlines to absl::Time. Codes map one to one. Messages of internal
// failures are logged here and replaced by a generic text, so no storage
// detail reaches a client; every other message was written for the client
// and never holds personal data.
// Thread-safety: pure functions (logging is thread-safe).
#ifndef ROSA_HUB_SERVER_GRPC_STATUS_H_
#define ROSA_HUB_SERVER_GRPC_STATUS_H_

#include <chrono>
#include <string_view>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rosa {

// `method` names the RPC in the log line for internal errors.
grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view method);

absl::Time FromGrpcDeadline(std::chrono::system_clock::time_point deadline);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_GRPC_STATUS_H_
