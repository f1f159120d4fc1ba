// Where a structured account of an error rides along an absl::Status: a
// serialized protobuf message under this payload URL. The RPC edge
// (hub/server/grpc_status.h) passes it on as the gRPC status's
// error_details, e.g. an IngestResponse naming every rejected record.
#ifndef ROSA_HUB_COMMON_ERROR_DETAILS_H_
#define ROSA_HUB_COMMON_ERROR_DETAILS_H_

namespace rosa {

inline constexpr char kErrorDetailsPayloadUrl[] =
    "type.googleapis.com/rosa.error_details";

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_ERROR_DETAILS_H_
