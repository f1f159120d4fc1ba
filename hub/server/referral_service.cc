#include "hub/server/referral_service.h"

#include <utility>

#include "hub/server/grpc_status.h"
#include "hub/server/partner_identity.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// Identifies the caller, then runs `call(partner, finish)` where `finish`
// copies a successful result into `response` and finishes the reactor.
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
  call(**partner, [reactor, response, method](absl::StatusOr<Response> r) {
    if (r.ok()) *response = std::move(*r);
    reactor->Finish(ToGrpcStatus(r.status(), method));
  });
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* ReferralService::SubmitReferral(
    grpc::CallbackServerContext* context,
    const v1::SubmitReferralRequest* request,
    v1::SubmitReferralResponse* response) {
  return Serve(context, *registry_, "SubmitReferral", response,
               [&](const Partner& partner, auto finish) {
                 desk_->Submit(partner, *request,
                               FromGrpcDeadline(context->deadline()),
                               std::move(finish));
               });
}

grpc::ServerUnaryReactor* ReferralService::GetReferral(
    grpc::CallbackServerContext* context, const v1::GetReferralRequest* request,
    v1::Referral* response) {
  return Serve(context, *registry_, "GetReferral", response,
               [&](const Partner& partner, auto finish) {
                 desk_->Get(partner, *request, std::move(finish));
               });
}

grpc::ServerUnaryReactor* ReferralService::ListReferrals(
    grpc::CallbackServerContext* context,
    const v1::ListReferralsRequest* request,
    v1::ListReferralsResponse* response) {
  return Serve(context, *registry_, "ListReferrals", response,
               [&](const Partner& partner, auto finish) {
                 desk_->List(partner, *request, std::move(finish));
               });
}

grpc::ServerUnaryReactor* ReferralService::UpdateReferralStatus(
    grpc::CallbackServerContext* context,
    const v1::UpdateReferralStatusRequest* request, v1::Referral* response) {
  return Serve(context, *registry_, "UpdateReferralStatus", response,
               [&](const Partner& partner, auto finish) {
                 desk_->UpdateStatus(partner, *request,
                                     FromGrpcDeadline(context->deadline()),
                                     std::move(finish));
               });
}

}  // namespace rosa
