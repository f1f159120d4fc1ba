#include "hub/server/handoff_service.h"

#include <utility>

#include "hub/server/grpc_status.h"
#include "hub/server/partner_identity.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// Identifies the caller, then runs `call(partner, deadline, finish)` where
// `finish` copies a successful result into `response` and finishes the
// reactor.
template <typename Response, typename Call>
grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context,
                                const PartnerRegistry& registry,
                                const char* method, Response* response,
                                Call call) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto partner = IdentifyPartner(context->auth_context(), registry);
  if (!partner.ok()) {
    reactor->Finish(ToGrpcStatus(partner.status(), method));
    return reactor;
  }
  call(**partner, FromGrpcDeadline(context->deadline()),
       [reactor, response, method](absl::StatusOr<Response> r) {
         if (r.ok()) *response = std::move(*r);
         reactor->Finish(ToGrpcStatus(r.status(), method));
       });
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* HandoffService::CreateHandoff(
    grpc::CallbackServerContext* context,
    const v1::CreateHandoffRequest* request, v1::Handoff* response) {
  return Serve(context, *registry_, "CreateHandoff", response,
               [&](const Partner& partner, absl::Time deadline, auto finish) {
                 desk_->Create(partner, *request, deadline, std::move(finish));
               });
}

grpc::ServerUnaryReactor* HandoffService::GetHandoff(
    grpc::CallbackServerContext* context, const v1::GetHandoffRequest* request,
    v1::Handoff* response) {
  return Serve(context, *registry_, "GetHandoff", response,
               [&](const Partner& partner, absl::Time deadline, auto finish) {
                 desk_->Get(partner, *request, deadline, std::move(finish));
               });
}

grpc::ServerUnaryReactor* HandoffService::ListHandoffs(
    grpc::CallbackServerContext* context,
    const v1::ListHandoffsRequest* request,
    v1::ListHandoffsResponse* response) {
  return Serve(context, *registry_, "ListHandoffs", response,
               [&](const Partner& partner, absl::Time deadline, auto finish) {
                 desk_->List(partner, *request, deadline, std::move(finish));
               });
}

grpc::ServerUnaryReactor* HandoffService::RecordHandoffEvent(
    grpc::CallbackServerContext* context,
    const v1::RecordHandoffEventRequest* request, v1::Handoff* response) {
  return Serve(context, *registry_, "RecordHandoffEvent", response,
               [&](const Partner& partner, absl::Time deadline, auto finish) {
                 desk_->RecordEvent(partner, *request, deadline,
                                    std::move(finish));
               });
}

}  // namespace rosa
