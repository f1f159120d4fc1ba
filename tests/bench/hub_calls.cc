#include "tests/bench/hub_calls.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "hub/client/health_check.h"
#include "tests/integration/hub_client.h"

namespace rosa::bench {

std::string CallError(const grpc::Status& status) {
  return integration::StatusText(status);
}

StartCall HealthCheck(std::shared_ptr<grpc::Channel> channel) {
  auto stub = std::make_shared<grpc::GenericStub>(channel);
  return [stub](int64_t, int64_t, CallDone done) {
    struct Call {
      grpc::ClientContext context;
      grpc::ByteBuffer request;
      grpc::ByteBuffer response;
    };
    auto* call = new Call;
    // HealthCheckRequest{service: ""} is the empty message.
    grpc::Slice empty;
    call->request = grpc::ByteBuffer(&empty, 1);
    call->context.set_deadline(absl::ToChronoTime(absl::Now() + kCallDeadline));
    stub->UnaryCall(
        &call->context, "/grpc.health.v1.Health/Check", grpc::StubOptions(),
        &call->request, &call->response,
        [call, done = std::move(done)](grpc::Status status) {
          std::string error;
          if (!status.ok()) {
            error = CallError(status);
          } else {
            grpc::Slice slice;
            if (!call->response.TrySingleSlice(&slice).ok() &&
                !call->response.DumpToSingleSlice(&slice).ok()) {
              error = "health: unreadable response";
            } else {
              absl::StatusOr<HealthState> state = ParseHealthResponse(
                  std::string_view(reinterpret_cast<const char*>(slice.begin()),
                                   slice.size()));
              if (!state.ok()) {
                error = state.status().ToString();
              } else if (*state != HealthState::kServing) {
                error = absl::StrCat("health: ",
                                     std::string(HealthStateName(*state)));
              }
            }
          }
          delete call;
          done(error);
        });
  };
}

}  // namespace rosa::bench
