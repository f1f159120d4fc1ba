#include "hub/server/audit_service.h"

#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* AuditService::GetCheckpoint(
    grpc::CallbackServerContext* context,
    const v1::GetCheckpointRequest* request, v1::SignedCheckpoint* response) {
  return ServeUnary(context, *registry_, "GetCheckpoint", response,
                    [&](const Partner& caller, auto finish) {
                      desk_.GetCheckpoint(caller, *request, std::move(finish));
                    });
}

grpc::ServerUnaryReactor* AuditService::GetInclusionProof(
    grpc::CallbackServerContext* context,
    const v1::GetInclusionProofRequest* request, v1::ProofResponse* response) {
  return ServeUnary(context, *registry_, "GetInclusionProof", response,
                    [&](const Partner& caller, auto finish) {
                      desk_.GetInclusionProof(caller, *request,
                                              std::move(finish));
                    });
}

grpc::ServerUnaryReactor* AuditService::GetConsistencyProof(
    grpc::CallbackServerContext* context,
    const v1::GetConsistencyProofRequest* request,
    v1::ProofResponse* response) {
  return ServeUnary(context, *registry_, "GetConsistencyProof", response,
                    [&](const Partner& caller, auto finish) {
                      desk_.GetConsistencyProof(caller, *request,
                                                std::move(finish));
                    });
}

grpc::ServerUnaryReactor* AuditService::GetEntries(
    grpc::CallbackServerContext* context, const v1::GetEntriesRequest* request,
    v1::GetEntriesResponse* response) {
  return ServeUnary(context, *registry_, "GetEntries", response,
                    [&](const Partner& caller, auto finish) {
                      desk_.GetEntries(caller, *request, std::move(finish));
                    });
}

grpc::ServerUnaryReactor* AuditService::VerifyLog(
    grpc::CallbackServerContext* context, const v1::VerifyLogRequest* request,
    v1::VerifyLogResponse* response) {
  return ServeUnary(context, *registry_, "VerifyLog", response,
                    [&](const Partner& caller, auto finish) {
                      desk_.VerifyLog(caller, *request, std::move(finish));
                    });
}

}  // namespace rosa
