// rosa.hub.v1.PlacementService on gRPC's callback API: identifies the
// caller from its certificate, hands the request to the PlacementDesk, and
// finishes the call when the desk answers. Reactors never block: the desk
// does its work on the store's threads.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_PLACEMENT_SERVICE_H_
#define ROSA_HUB_SERVER_PLACEMENT_SERVICE_H_

#include "hub/partner/partner_registry.h"
#include "hub/placement/placement_desk.h"
#include "rosa/hub/v1/placement_service.grpc.pb.h"

namespace rosa {

class PlacementService final
    : public rosa::hub::v1::PlacementService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  PlacementService(const PartnerRegistry* registry, PlacementDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* ReportCapacity(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ReportCapacityRequest* request,
      rosa::hub::v1::ReportCapacityResponse* response) override;
  grpc::ServerUnaryReactor* ListAvailability(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListAvailabilityRequest* request,
      rosa::hub::v1::ListAvailabilityResponse* response) override;
  grpc::ServerUnaryReactor* FindPlaces(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::FindPlacesRequest* request,
      rosa::hub::v1::FindPlacesResponse* response) override;
  grpc::ServerUnaryReactor* GetHold(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetHoldRequest* request,
      rosa::hub::v1::PlaceHold* response) override;

 private:
  const PartnerRegistry* registry_;
  PlacementDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_PLACEMENT_SERVICE_H_
