// rosa.hub.v1.ReportService on gRPC's callback API: identifies the caller
// from its certificate and hands the request to the ReportDesk.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_REPORT_SERVICE_H_
#define ROSA_HUB_SERVER_REPORT_SERVICE_H_

#include "hub/partner/partner_registry.h"
#include "hub/report/report_desk.h"
#include "rosa/hub/v1/report_service.grpc.pb.h"

namespace rosa {

class ReportService final
    : public rosa::hub::v1::ReportService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  ReportService(const PartnerRegistry* registry, ReportDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* GetAnnualReport(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetAnnualReportRequest* request,
      rosa::hub::v1::AnnualReport* response) override;

 private:
  const PartnerRegistry* registry_;
  ReportDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_REPORT_SERVICE_H_
