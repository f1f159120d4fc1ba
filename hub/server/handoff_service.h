// rosa.hub.v1.HandoffService on gRPC's callback API: identifies the caller
// from its certificate, hands the request to the HandoffDesk, and finishes
// the call when the desk answers. Reactors never block: the desk does its
// work on the store's threads.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_HANDOFF_SERVICE_H_
#define ROSA_HUB_SERVER_HANDOFF_SERVICE_H_

#include "hub/handoff/handoff_desk.h"
#include "hub/partner/partner_registry.h"
#include "rosa/hub/v1/handoff_service.grpc.pb.h"

namespace rosa {

class HandoffService final
    : public rosa::hub::v1::HandoffService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  HandoffService(const PartnerRegistry* registry, HandoffDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* CreateHandoff(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::CreateHandoffRequest* request,
      rosa::hub::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* GetHandoff(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetHandoffRequest* request,
      rosa::hub::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* ListHandoffs(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListHandoffsRequest* request,
      rosa::hub::v1::ListHandoffsResponse* response) override;
  grpc::ServerUnaryReactor* RecordHandoffEvent(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::RecordHandoffEventRequest* request,
      rosa::hub::v1::Handoff* response) override;

 private:
  const PartnerRegistry* registry_;
  HandoffDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_HANDOFF_SERVICE_H_
