// rosa.hub.v1.AuditService on gRPC's callback API: signed checkpoints,
// inclusion and consistency proofs, entries, and verification of the
// stored log against a checkpoint, served by the audit desk
// (hub/audit/audit_desk.h: the coordinator only, on the store's reader
// threads); reactors never block.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_AUDIT_SERVICE_H_
#define ROSA_HUB_SERVER_AUDIT_SERVICE_H_

#include "hub/audit/audit_desk.h"
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
      : registry_(registry), desk_(readers, keeper) {}

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
  audit::AuditDesk desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_AUDIT_SERVICE_H_
