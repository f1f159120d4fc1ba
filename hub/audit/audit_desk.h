// The audit desk: rosa.hub.v1.AuditService's reads for a caller (signed
// checkpoints, inclusion and consistency proofs, entries, verification of
// the stored log against a checkpoint). The log is about everyone, so only
// the coordinator (ROSA) may read it; any other partner gets
// PERMISSION_DENIED. The work runs on the store's reader threads
// (AuditKeeper).
//
// Thread-safety: safe to call from any thread; `done` is called exactly
// once, on a reader thread (or at once on the calling thread for a caller
// who may not read the log).
#ifndef ROSA_HUB_AUDIT_AUDIT_DESK_H_
#define ROSA_HUB_AUDIT_AUDIT_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "hub/audit/audit_keeper.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/audit_service.pb.h"

namespace rosa::audit {

class AuditDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // REQUIRES: both outlive the desk.
  AuditDesk(store::ReadPool* readers, const AuditKeeper* keeper)
      : readers_(readers), keeper_(keeper) {}

  void GetCheckpoint(const Partner& caller,
                     const rosa::hub::v1::GetCheckpointRequest& request,
                     Done<rosa::hub::v1::SignedCheckpoint> done);
  // INVALID_ARGUMENT unless index < tree_size <= the log's size.
  void GetInclusionProof(const Partner& caller,
                         const rosa::hub::v1::GetInclusionProofRequest& request,
                         Done<rosa::hub::v1::ProofResponse> done);
  // INVALID_ARGUMENT unless old_size <= new_size <= the log's size.
  void GetConsistencyProof(
      const Partner& caller,
      const rosa::hub::v1::GetConsistencyProofRequest& request,
      Done<rosa::hub::v1::ProofResponse> done);
  // count: 1 to 1000 (0 means 100), else INVALID_ARGUMENT.
  void GetEntries(const Partner& caller,
                  const rosa::hub::v1::GetEntriesRequest& request,
                  Done<rosa::hub::v1::GetEntriesResponse> done);
  // checkpoint: required. A checkpoint the log does not match is an OK
  // answer with consistent = false (and a warning in the log).
  void VerifyLog(const Partner& caller,
                 const rosa::hub::v1::VerifyLogRequest& request,
                 Done<rosa::hub::v1::VerifyLogResponse> done);

 private:
  store::ReadPool* readers_;
  const AuditKeeper* keeper_;
};

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_AUDIT_DESK_H_
