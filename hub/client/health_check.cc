#include "hub/client/health_check.h"

#include <cstdint>
#include <future>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

namespace rosa {
namespace {

using google::protobuf::internal::WireFormatLite;

constexpr char kCheckMethod[] = "/grpc.health.v1.Health/Check";
// HealthCheckResponse.status is field 1, a varint.
constexpr uint32_t kStatusField = 1;

std::string FromByteBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

}  // namespace

std::string_view HealthStateName(HealthState state) {
  switch (state) {
    case HealthState::kServing:
      return "SERVING";
    case HealthState::kNotServing:
      return "NOT_SERVING";
    case HealthState::kServiceUnknown:
      return "SERVICE_UNKNOWN";
    case HealthState::kUnknown:
      break;
  }
  return "UNKNOWN";
}

absl::StatusOr<HealthState> ParseHealthResponse(std::string_view bytes) {
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(bytes.data()),
      static_cast<int>(bytes.size()));
  uint32_t status = 0;  // proto3 default: UNKNOWN
  while (uint32_t tag = in.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) == kStatusField &&
        WireFormatLite::GetTagWireType(tag) ==
            WireFormatLite::WIRETYPE_VARINT) {
      if (!in.ReadVarint32(&status)) {
        return absl::DataLossError("health: truncated status field");
      }
    } else if (!WireFormatLite::SkipField(&in, tag)) {
      return absl::DataLossError("health: malformed response");
    }
  }
  if (!in.ConsumedEntireMessage()) {
    return absl::DataLossError("health: malformed response");
  }
  if (status > static_cast<uint32_t>(HealthState::kServiceUnknown)) {
    return HealthState::kUnknown;
  }
  return static_cast<HealthState>(status);
}

absl::StatusOr<HealthState> CheckHealth(grpc::Channel& channel,
                                        absl::Duration timeout) {
  // GenericStub wants a shared_ptr; the caller keeps the channel alive for
  // the duration of this call, so a non-owning alias is enough.
  std::shared_ptr<grpc::Channel> alias(std::shared_ptr<grpc::Channel>(),
                                       &channel);
  grpc::GenericStub stub(alias);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  // HealthCheckRequest{service: ""} serializes to no bytes at all.
  grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, kCheckMethod, grpc::StubOptions(), &request,
                 &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("health: ", status.error_message()));
  }
  return ParseHealthResponse(FromByteBuffer(response));
}

}  // namespace rosa
