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
// The floor. The keeper never signs, and the hub never starts on, a log
// that has lost what the hub last signed: the size and root of its last
// checkpoint, recorded in <data-dir>/audit-checkpoint.last
// (checkpoint_mark.h, which holds the rule) and kept in memory from Open
// on. Before every signing, and once at the hub's start (CheckLog, called
// by app/hub_server.cc before anything is served), the stored log must
// have at least that many entries and the tree of its first that many must
// have that root; else DATA_LOSS naming the sizes (never an entry), an
// error in the hub's log, nothing signed and the record left as it was.
// The floor checked is both the one in memory and the one in the file
// (re-read each time: another process, `rosa-hub audit checkpoint` or
// `rosa-hub backup`, may have signed since), so neither a rolled-back file
// nor a forged one lowers it while the hub runs. A file that does not
// parse, or cannot be read, is refused the same way; a missing one means
// nothing was signed yet (only the in-memory floor then applies). A
// checkpoint whose record cannot be written is not handed out either: a
// checkpoint given to someone must never be above the floor. No option
// lowers the floor: an operator who accepts a shorter log on purpose
// (after finding out why it is shorter) moves the file aside, which the
// hub's log then shows at start (README, "The audit log").
//
// Example:
//   ASSIGN_OR_RETURN(auto keeper, AuditKeeper::Open(data_dir));
//   RETURN_IF_ERROR(keeper->CheckLog(conn));  // At start.
//   ASSIGN_OR_RETURN(SignedCheckpoint cp, keeper->SignCheckpoint(conn));
//
// Thread-safety: a keeper is safe to share. Its key and paths are
// immutable after Open; what it last signed is guarded by a mutex, held
// across a whole signing (snapshot, check, signature, record), so that
// its signings are serialized and each is of a log at least as long as the
// one before. Each call takes the calling thread's connection.
#ifndef ROSA_HUB_AUDIT_AUDIT_KEEPER_H_
#define ROSA_HUB_AUDIT_AUDIT_KEEPER_H_

#include <openssl/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "hub/audit/checkpoint.h"
#include "hub/audit/checkpoint_mark.h"
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
  // first use, and what the hub last signed (audit-checkpoint.last).
  // FAILED_PRECONDITION if the keys directory is open to group or others,
  // the key files do not belong together, or the record of the last
  // checkpoint cannot be read or does not parse.
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
  // origin kAuditLogOrigin and the hub's public key, recorded as the new
  // floor (checkpoint_mark.h). DATA_LOSS, logged as an error, and nothing
  // signed if the log has lost what the hub last signed (see the top of
  // this file); FAILED_PRECONDITION if the record cannot be read; a
  // checkpoint whose record cannot be written is not returned (the write's
  // error).
  absl::StatusOr<rosa::hub::v1::SignedCheckpoint> SignCheckpoint(
      store::Connection& conn) const ABSL_LOCKS_EXCLUDED(mu_);

  // At the hub's start, before anything is served: OK iff the stored log
  // (one read snapshot) still holds what the hub last signed. DATA_LOSS as
  // SignCheckpoint otherwise; the hub must then not start.
  absl::Status CheckLog(store::Connection& conn) const ABSL_LOCKS_EXCLUDED(mu_);

  // What this keeper knows the hub last signed (nullopt if nothing yet).
  std::optional<CheckpointMark> last_signed() const ABSL_LOCKS_EXCLUDED(mu_);

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
              std::filesystem::path data_dir, const Clock* clock,
              std::optional<CheckpointMark> last_signed)
      : key_(std::move(key)),
        public_key_pem_(std::move(public_key_pem)),
        data_dir_(std::move(data_dir)),
        clock_(clock),
        last_signed_(std::move(last_signed)) {}
  static absl::StatusOr<std::unique_ptr<AuditKeeper>> Load(
      const std::filesystem::path& data_dir, bool create, const Clock* clock);

  // The floor rule against the one in memory and the one in the file.
  absl::Status CheckFloorLocked(std::span<const std::string> leaf_hashes) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  KeyPtr key_;
  std::string public_key_pem_;
  std::filesystem::path data_dir_;
  const Clock* const clock_;
  mutable absl::Mutex mu_;
  // What the hub last signed, as this keeper knows it.
  mutable std::optional<CheckpointMark> last_signed_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_AUDIT_KEEPER_H_
