// The hub's keeper of the audit log: holds the Ed25519 signing key
// (<data-dir>/keys/audit-signing.key, mode 0600, with its public key in
// "audit-signing.key.pub" beside it), signs checkpoints of the stored log,
// builds inclusion and consistency proofs from the stored leaf hashes, and
// verifies the whole stored log against a checkpoint someone kept
// (stored_log_verifier.h).
//
// Checkpoints and proofs recompute the tree from the stored leaf hashes:
// O(n) time and memory per call (see merkle.h); appends never touch it.
//
// Example:
//   ASSIGN_OR_RETURN(auto keeper, AuditKeeper::Open(data_dir));
//   ASSIGN_OR_RETURN(SignedCheckpoint cp, keeper->SignCheckpoint(conn));
//
// Thread-safety: a keeper is immutable after Open and safe to share; each
// call takes the calling thread's connection.
#ifndef ROSA_HUB_AUDIT_AUDIT_KEEPER_H_
#define ROSA_HUB_AUDIT_AUDIT_KEEPER_H_

#include <openssl/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "hub/audit/checkpoint.h"
#include "hub/common/clock.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/audit.pb.h"
#include "rosa/hub/v1/audit_service.pb.h"

namespace rosa::audit {

class AuditKeeper {
 public:
  // <data_dir>/keys/audit-signing.key.
  static std::filesystem::path SigningKeyPath(
      const std::filesystem::path& data_dir);
  // SigningKeyPath(data_dir) + ".pub".
  static std::filesystem::path PublicKeyPath(
      const std::filesystem::path& data_dir);

  // Loads the signing key, creating it (and <data_dir>/keys, mode 0700) on
  // first use. FAILED_PRECONDITION if the keys directory is open to group
  // or others, or the key files do not belong together.
  static absl::StatusOr<std::unique_ptr<AuditKeeper>> Open(
      const std::filesystem::path& data_dir);
  // As Open, but the checkpoint marks record `clock`'s time (the hub's
  // clock, so that the checkpoint's age never goes negative or shrinks);
  // not owned, must outlive the keeper. Otherwise they record the system
  // clock's.
  static absl::StatusOr<std::unique_ptr<AuditKeeper>> Open(
      const std::filesystem::path& data_dir, const Clock* clock);
  // As Open, but NOT_FOUND instead of creating a missing key (for tools
  // that must not mint a new identity for the log).
  static absl::StatusOr<std::unique_ptr<AuditKeeper>> OpenExisting(
      const std::filesystem::path& data_dir);

  AuditKeeper(const AuditKeeper&) = delete;
  AuditKeeper& operator=(const AuditKeeper&) = delete;

  // A signed checkpoint of the log as it is now (one read snapshot), with
  // origin kAuditLogOrigin and the hub's public key. Also records when it
  // was signed (checkpoint_mark.h); failing to record does not fail it.
  absl::StatusOr<rosa::hub::v1::SignedCheckpoint> SignCheckpoint(
      store::Connection& conn) const;

  // Proof that entry `index` is in the tree of `tree_size` entries, with
  // the entry's leaf hash. INVALID_ARGUMENT unless index < tree_size <= the
  // log's size (checked before anything is read or allocated).
  absl::StatusOr<rosa::hub::v1::ProofResponse> InclusionProof(
      store::Connection& conn, uint64_t index, uint64_t tree_size) const;

  // Proof that the tree of `old_size` entries is a prefix of the one of
  // `new_size` (empty when old_size is 0 or equal to new_size).
  // INVALID_ARGUMENT unless old_size <= new_size <= the log's size (checked
  // before anything is read or allocated).
  absl::StatusOr<rosa::hub::v1::ProofResponse> ConsistencyProof(
      store::Connection& conn, uint64_t old_size, uint64_t new_size) const;

  // Verifies the whole stored log against `checkpoint` with this hub's key.
  // A problem with the checkpoint or the log is an OK response with
  // consistent = false and the problem; a non-OK status means the store
  // could not be read.
  absl::StatusOr<rosa::hub::v1::VerifyLogResponse> Verify(
      store::Connection& conn,
      const rosa::hub::v1::SignedCheckpoint& checkpoint) const;

  // The signing key (also usable as the public key).
  EVP_PKEY* key() const { return key_.get(); }
  const std::string& public_key_pem() const { return public_key_pem_; }

 private:
  AuditKeeper(KeyPtr key, std::string public_key_pem,
              std::filesystem::path data_dir, const Clock* clock)
      : key_(std::move(key)),
        public_key_pem_(std::move(public_key_pem)),
        data_dir_(std::move(data_dir)),
        clock_(clock) {}
  static absl::StatusOr<std::unique_ptr<AuditKeeper>> Load(
      const std::filesystem::path& data_dir, bool create, const Clock* clock);

  KeyPtr key_;
  std::string public_key_pem_;
  std::filesystem::path data_dir_;
  const Clock* const clock_;
};

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_AUDIT_KEEPER_H_
