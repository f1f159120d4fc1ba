#include "hub/server/consent_service.h"

#include <utility>

#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* ConsentService::GiveConsent(
    grpc::CallbackServerContext* context, const v1::GiveConsentRequest* request,
    v1::Consent* response) {
  return ServeUnary(context, *registry_, "GiveConsent", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Give(partner, *request,
                                  FromGrpcDeadline(context->deadline()),
                                  std::move(finish));
                    });
}

grpc::ServerUnaryReactor* ConsentService::WithdrawConsent(
    grpc::CallbackServerContext* context,
    const v1::WithdrawConsentRequest* request, v1::Consent* response) {
  return ServeUnary(context, *registry_, "WithdrawConsent", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Withdraw(partner, *request,
                                      FromGrpcDeadline(context->deadline()),
                                      std::move(finish));
                    });
}

grpc::ServerUnaryReactor* ConsentService::ListConsents(
    grpc::CallbackServerContext* context,
    const v1::ListConsentsRequest* request,
    v1::ListConsentsResponse* response) {
  return ServeUnary(context, *registry_, "ListConsents", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->List(partner, *request, std::move(finish));
                    });
}

}  // namespace rosa
