#include "hub/server/inquiry_service.h"

#include <utility>

#include "hub/server/grpc_status.h"
#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* InquiryService::RecordInquiry(
    grpc::CallbackServerContext* context,
    const v1::RecordInquiryRequest* request, v1::HotlineInquiry* response) {
  return ServeUnary(context, *registry_, "RecordInquiry", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->RecordInquiry(
                          partner, *request,
                          FromGrpcDeadline(context->deadline()),
                          std::move(finish));
                    });
}

grpc::ServerUnaryReactor* InquiryService::ListInquiries(
    grpc::CallbackServerContext* context,
    const v1::ListInquiriesRequest* request,
    v1::ListInquiriesResponse* response) {
  return ServeUnary(context, *registry_, "ListInquiries", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->List(partner, *request, std::move(finish));
                    });
}

}  // namespace rosa
