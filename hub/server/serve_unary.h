// The shape of every unary RPC on gRPC's callback API: identify the caller
// from its certificate, hand the request to a desk, and finish the call
// when the desk answers, converting absl::Status at the edge. Reactors
// never block: desks work on the store's threads.
// Thread-safety: gRPC calls services from its own threads concurrently;
// ServeUnary keeps no state.
#ifndef ROSA_HUB_SERVER_SERVE_UNARY_H_
#define ROSA_HUB_SERVER_SERVE_UNARY_H_

#include <grpcpp/grpcpp.h>

#include <utility>

#include "absl/status/statusor.h"
#include "hub/partner/partner_registry.h"
#include "hub/server/grpc_status.h"
#include "hub/server/partner_identity.h"

namespace rosa {

// Identifies the caller, then runs `call(partner, finish)`, where `finish`
// copies a successful result into `response` and finishes the reactor.
template <typename Response, typename Call>
grpc::ServerUnaryReactor* ServeUnary(grpc::CallbackServerContext* context,
                                     const PartnerRegistry& registry,
                                     const char* method, Response* response,
                                     Call call) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto partner = IdentifyPartner(context->auth_context(), registry);
  if (!partner.ok()) {
    reactor->Finish(ToGrpcStatus(partner.status(), method));
    return reactor;
  }
  call(**partner, [reactor, response, method](absl::StatusOr<Response> r) {
    if (r.ok()) *response = std::move(*r);
    reactor->Finish(ToGrpcStatus(r.status(), method));
  });
  return reactor;
}

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_SERVE_UNARY_H_
