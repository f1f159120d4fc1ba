// rosa.hub.v1.AuditService on gRPC's callback API: signed checkpoints,
// inclusion and consistency proofs, entries, and verification of the
// stored log against a checkpoint. The log is about everyone, so only the
// coordinator (ROSA) may call it; any other partner gets PERMISSION_DENIED.
// The work runs on the store's reader threads (AuditKeeper); reactors
// never block.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_AUDIT_SERVICE_H_
#define ROSA_HUB_SERVER_AUDIT_SERVICE_H_

#include "hub/audit/audit_keeper.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/audit_service.grpc.pb.h"

namespace rosa {

class AuditService final : public rosa::hub::v1::AuditService::CallbackService {
 public:
  // REQUIRES: all outlive the service.
  AuditService(const PartnerRegistry* registry, store::ReadPool* readers,
               const audit::AuditKeeper* keeper)
      : registry_(registry), readers_(readers), keeper_(keeper) {}

  grpc::ServerUnaryReactor* GetCheckpoint(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetCheckpointRequest* request,
      rosa::hub::v1::SignedCheckpoint* response) override;
  grpc::ServerUnaryReactor* GetInclusionProof(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetInclusionProofRequest* request,
      rosa::hub::v1::ProofResponse* response) override;
  grpc::ServerUnaryReactor* GetConsistencyProof(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetConsistencyProofRequest* request,
      rosa::hub::v1::ProofResponse* response) override;
  grpc::ServerUnaryReactor* GetEntries(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::GetEntriesRequest* request,
      rosa::hub::v1::GetEntriesResponse* response) override;
  grpc::ServerUnaryReactor* VerifyLog(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::VerifyLogRequest* request,
      rosa::hub::v1::VerifyLogResponse* response) override;

 private:
  const PartnerRegistry* registry_;
  store::ReadPool* readers_;
  const audit::AuditKeeper* keeper_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_AUDIT_SERVICE_H_
