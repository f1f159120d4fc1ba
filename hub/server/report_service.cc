#include "hub/server/report_service.h"

#include <utility>

#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* ReportService::GetAnnualReport(
    grpc::CallbackServerContext* context,
    const v1::GetAnnualReportRequest* request, v1::AnnualReport* response) {
  return ServeUnary(context, *registry_, "GetAnnualReport", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->GetAnnualReport(partner, *request,
                                             std::move(finish));
                    });
}

}  // namespace rosa
