#include "hub/server/placement_service.h"

#include <utility>

#include "hub/server/grpc_status.h"
#include "hub/server/serve_unary.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

}  // namespace

grpc::ServerUnaryReactor* PlacementService::ReportCapacity(
    grpc::CallbackServerContext* context,
    const v1::ReportCapacityRequest* request,
    v1::ReportCapacityResponse* response) {
  return ServeUnary(context, *registry_, "ReportCapacity", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->ReportCapacity(
                          partner, *request,
                          FromGrpcDeadline(context->deadline()),
                          std::move(finish));
                    });
}

grpc::ServerUnaryReactor* PlacementService::ListAvailability(
    grpc::CallbackServerContext* context,
    const v1::ListAvailabilityRequest* request,
    v1::ListAvailabilityResponse* response) {
  return ServeUnary(context, *registry_, "ListAvailability", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->ListAvailability(partner, *request,
                                              std::move(finish));
                    });
}

grpc::ServerUnaryReactor* PlacementService::FindPlaces(
    grpc::CallbackServerContext* context,
    const v1::FindPlacesRequest* request, v1::FindPlacesResponse* response) {
  return ServeUnary(context, *registry_, "FindPlaces", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->FindPlaces(partner, *request, std::move(finish));
                    });
}

grpc::ServerUnaryReactor* PlacementService::GetHold(
    grpc::CallbackServerContext* context, const v1::GetHoldRequest* request,
    v1::PlaceHold* response) {
  return ServeUnary(context, *registry_, "GetHold", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->GetHold(partner, *request, std::move(finish));
                    });
}

}  // namespace rosa
