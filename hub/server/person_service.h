// rosa.hub.v1.PersonService on gRPC's callback API: identifies the caller
// from its certificate and hands the request to the PersonDesk.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_PERSON_SERVICE_H_
#define ROSA_HUB_SERVER_PERSON_SERVICE_H_

#include "hub/partner/partner_registry.h"
#include "hub/person/person_desk.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"

namespace rosa {

class PersonService final
    : public rosa::hub::v1::PersonService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  PersonService(const PartnerRegistry* registry, PersonDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* RegisterPerson(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::RegisterPersonRequest* request,
      rosa::hub::v1::Person* response) override;
  grpc::ServerUnaryReactor* ReadPerson(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ReadPersonRequest* request,
      rosa::hub::v1::Person* response) override;
  grpc::ServerUnaryReactor* ErasePerson(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ErasePersonRequest* request,
      rosa::hub::v1::ErasePersonResponse* response) override;
  grpc::ServerUnaryReactor* GetAccessExtract(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetAccessExtractRequest* request,
      rosa::hub::v1::AccessExtract* response) override;

 private:
  const PartnerRegistry* registry_;
  PersonDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_PERSON_SERVICE_H_
