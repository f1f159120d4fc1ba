// rosa.hub.v1.ConsentService on gRPC's callback API: identifies the caller
// from its certificate and hands the request to the ConsentDesk.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_CONSENT_SERVICE_H_
#define ROSA_HUB_SERVER_CONSENT_SERVICE_H_

#include "hub/consent/consent_desk.h"
#include "hub/partner/partner_registry.h"
#include "rosa/hub/v1/consent_service.grpc.pb.h"

namespace rosa {

class ConsentService final
    : public rosa::hub::v1::ConsentService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  ConsentService(const PartnerRegistry* registry, ConsentDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* GiveConsent(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GiveConsentRequest* request,
      rosa::hub::v1::Consent* response) override;
  grpc::ServerUnaryReactor* WithdrawConsent(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::WithdrawConsentRequest* request,
      rosa::hub::v1::Consent* response) override;
  grpc::ServerUnaryReactor* ListConsents(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListConsentsRequest* request,
      rosa::hub::v1::ListConsentsResponse* response) override;

 private:
  const PartnerRegistry* registry_;
  ConsentDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_CONSENT_SERVICE_H_
