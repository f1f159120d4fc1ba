#include "hub/server/person_service.h"

#include <utility>

#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* PersonService::RegisterPerson(
    grpc::CallbackServerContext* context,
    const v1::RegisterPersonRequest* request, v1::Person* response) {
  return ServeUnary(context, *registry_, "RegisterPerson", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Register(partner, *request,
                                      FromGrpcDeadline(context->deadline()),
                                      std::move(finish));
                    });
}

grpc::ServerUnaryReactor* PersonService::ReadPerson(
    grpc::CallbackServerContext* context, const v1::ReadPersonRequest* request,
    v1::Person* response) {
  return ServeUnary(context, *registry_, "ReadPerson", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Read(partner, *request,
                                  FromGrpcDeadline(context->deadline()),
                                  std::move(finish));
                    });
}

grpc::ServerUnaryReactor* PersonService::ErasePerson(
    grpc::CallbackServerContext* context, const v1::ErasePersonRequest* request,
    v1::ErasePersonResponse* response) {
  return ServeUnary(context, *registry_, "ErasePerson", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Erase(partner, *request,
                                   FromGrpcDeadline(context->deadline()),
                                   std::move(finish));
                    });
}

grpc::ServerUnaryReactor* PersonService::GetAccessExtract(
    grpc::CallbackServerContext* context,
    const v1::GetAccessExtractRequest* request, v1::AccessExtract* response) {
  return ServeUnary(context, *registry_, "GetAccessExtract", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->GetAccessExtract(partner, *request,
                                              std::move(finish));
                    });
}

}  // namespace rosa
