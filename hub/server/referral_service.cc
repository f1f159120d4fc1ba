#include "hub/server/referral_service.h"

#include <utility>

#include "hub/server/grpc_status.h"
#include "hub/server/serve_unary.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

}  // namespace

grpc::ServerUnaryReactor* ReferralService::SubmitReferral(
    grpc::CallbackServerContext* context,
    const v1::SubmitReferralRequest* request,
    v1::SubmitReferralResponse* response) {
  return ServeUnary(context, *registry_, "SubmitReferral", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Submit(partner, *request,
                                    FromGrpcDeadline(context->deadline()),
                                    std::move(finish));
                    });
}

grpc::ServerUnaryReactor* ReferralService::GetReferral(
    grpc::CallbackServerContext* context, const v1::GetReferralRequest* request,
    v1::Referral* response) {
  return ServeUnary(context, *registry_, "GetReferral", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Get(partner, *request, std::move(finish));
                    });
}

grpc::ServerUnaryReactor* ReferralService::ListReferrals(
    grpc::CallbackServerContext* context,
    const v1::ListReferralsRequest* request,
    v1::ListReferralsResponse* response) {
  return ServeUnary(context, *registry_, "ListReferrals", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->List(partner, *request, std::move(finish));
                    });
}

grpc::ServerUnaryReactor* ReferralService::UpdateReferralStatus(
    grpc::CallbackServerContext* context,
    const v1::UpdateReferralStatusRequest* request, v1::Referral* response) {
  return ServeUnary(context, *registry_, "UpdateReferralStatus", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->UpdateStatus(partner, *request,
                                          FromGrpcDeadline(context->deadline()),
                                          std::move(finish));
                    });
}

grpc::ServerUnaryReactor* ReferralService::UpdateAssistedReturn(
    grpc::CallbackServerContext* context,
    const v1::UpdateAssistedReturnRequest* request, v1::Referral* response) {
  return ServeUnary(context, *registry_, "UpdateAssistedReturn", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->UpdateAssistedReturn(
                          partner, *request,
                          FromGrpcDeadline(context->deadline()),
                          std::move(finish));
                    });
}

}  // namespace rosa
