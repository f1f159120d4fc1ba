// rosa.hub.v1.InquiryService on gRPC's callback API: identifies the caller
// from its certificate, hands the request to the InquiryDesk, and finishes
// the call when the desk answers. Reactors never block: the desk does its
// work on the store's threads.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_INQUIRY_SERVICE_H_
#define ROSA_HUB_SERVER_INQUIRY_SERVICE_H_

#include "hub/inquiry/inquiry_desk.h"
#include "hub/partner/partner_registry.h"
#include "rosa/hub/v1/inquiry_service.grpc.pb.h"

namespace rosa {

class InquiryService final
    : public rosa::hub::v1::InquiryService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  InquiryService(const PartnerRegistry* registry, InquiryDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* RecordInquiry(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::RecordInquiryRequest* request,
      rosa::hub::v1::HotlineInquiry* response) override;
  grpc::ServerUnaryReactor* ListInquiries(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListInquiriesRequest* request,
      rosa::hub::v1::ListInquiriesResponse* response) override;

 private:
  const PartnerRegistry* registry_;
  InquiryDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_INQUIRY_SERVICE_H_
