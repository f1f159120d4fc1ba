// rosa.hub.v1.ReferralService on gRPC's callback API: identifies the caller
// from its certificate, hands the request to the ReferralDesk, and finishes
// the call when the desk answers. Reactors never block: the desk does its
// work on the store's threads.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_REFERRAL_SERVICE_H_
#define ROSA_HUB_SERVER_REFERRAL_SERVICE_H_

#include "hub/partner/partner_registry.h"
#include "hub/referral/referral_desk.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"

namespace rosa {

class ReferralService final
    : public rosa::hub::v1::ReferralService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  ReferralService(const PartnerRegistry* registry, ReferralDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* SubmitReferral(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::SubmitReferralRequest* request,
      rosa::hub::v1::SubmitReferralResponse* response) override;
  grpc::ServerUnaryReactor* GetReferral(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetReferralRequest* request,
      rosa::hub::v1::Referral* response) override;
  grpc::ServerUnaryReactor* ListReferrals(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListReferralsRequest* request,
      rosa::hub::v1::ListReferralsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateReferralStatus(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::UpdateReferralStatusRequest* request,
      rosa::hub::v1::Referral* response) override;
  grpc::ServerUnaryReactor* UpdateAssistedReturn(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::UpdateAssistedReturnRequest* request,
      rosa::hub::v1::Referral* response) override;

 private:
  const PartnerRegistry* registry_;
  ReferralDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_REFERRAL_SERVICE_H_
