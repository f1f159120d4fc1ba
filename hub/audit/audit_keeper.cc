// AuditKeeper: the signing key on disk, checkpoints and proofs over the
// stored leaf hashes, each read in one snapshot, and the floor of what it
// last signed.
//
// Thread-safety: see audit_keeper.h.
#include "hub/audit/audit_keeper.h"

#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_log.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/audit/merkle.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "spdlog/spdlog.h"

namespace rosa::audit {
namespace {

namespace v1 = rosa::hub::v1;

// The leaf hashes of the log's first `size` entries (all of them when size
// is nullopt), from one snapshot. A size beyond the log is the caller's
// mistake, named by `field`, and is refused before anything is allocated.
absl::StatusOr<std::vector<std::string>> LeafHashesUpTo(
    store::Connection& conn, std::optional<uint64_t> size,
    const char* field = "tree_size") {
  store::ReadTransaction snapshot(conn);
  RETURN_IF_ERROR(snapshot.status());
  ASSIGN_OR_RETURN(const uint64_t stored, AuditLogSize(conn));
  if (size.has_value() && *size > stored) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", *size, " is beyond the audit log, which has ",
                     stored, " entries"));
  }
  return AuditLeafHashes(conn, size.value_or(stored));
}

// What the file says the hub last signed; nullopt when nothing was.
absl::StatusOr<std::optional<CheckpointMark>> ReadLastSigned(
    const std::filesystem::path& data_dir) {
  absl::StatusOr<CheckpointMark> mark = ReadCheckpointMark(data_dir);
  if (mark.ok()) return std::optional<CheckpointMark>(*std::move(mark));
  if (absl::IsNotFound(mark.status())) return std::nullopt;
  return absl::FailedPreconditionError(
      absl::StrCat("cannot tell what this hub last signed of its audit log: ",
                   mark.status().message(), " (",
                   CheckpointMarkPath(data_dir).string(), ")"));
}

bool SameMark(const CheckpointMark& a, const CheckpointMark& b) {
  return a.tree_size == b.tree_size && a.root_hash == b.root_hash;
}

v1::ProofResponse ToResponse(std::vector<std::string> hashes) {
  v1::ProofResponse response;
  for (std::string& hash : hashes) response.add_hashes(std::move(hash));
  return response;
}

}  // namespace

std::filesystem::path AuditKeeper::SigningKeyPath(
    const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "audit-signing.key";
}

std::filesystem::path AuditKeeper::PublicKeyPath(
    const std::filesystem::path& data_dir) {
  std::filesystem::path path = SigningKeyPath(data_dir);
  path += ".pub";
  return path;
}

absl::StatusOr<std::unique_ptr<AuditKeeper>> AuditKeeper::Open(
    const std::filesystem::path& data_dir) {
  return Load(data_dir, /*create=*/true, nullptr);
}

absl::StatusOr<std::unique_ptr<AuditKeeper>> AuditKeeper::Open(
    const std::filesystem::path& data_dir, const Clock* clock) {
  return Load(data_dir, /*create=*/true, clock);
}

absl::StatusOr<std::unique_ptr<AuditKeeper>> AuditKeeper::OpenExisting(
    const std::filesystem::path& data_dir) {
  return Load(data_dir, /*create=*/false, nullptr);
}

absl::StatusOr<std::unique_ptr<AuditKeeper>> AuditKeeper::Load(
    const std::filesystem::path& data_dir, bool create, const Clock* clock) {
  const std::filesystem::path path = SigningKeyPath(data_dir);
  if (create) {
    RETURN_IF_ERROR(EnsurePrivateDirectory(path.parent_path()));
  } else {
    RETURN_IF_ERROR(CheckPrivateDirectory(path.parent_path()));
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return absl::NotFoundError(
          absl::StrCat("no audit signing key at ", path.string(),
                       "; the hub creates it when it first starts"));
    }
  }
  ASSIGN_OR_RETURN(KeyPtr key, LoadOrCreateSigningKey(path));
  ASSIGN_OR_RETURN(std::string pem, PublicKeyPem(key.get()));
  ASSIGN_OR_RETURN(std::optional<CheckpointMark> last_signed,
                   ReadLastSigned(data_dir));
  return std::unique_ptr<AuditKeeper>(
      new AuditKeeper(std::move(key), std::move(pem), data_dir,
                      ClockOrSystem(clock), std::move(last_signed)));
}

absl::Status AuditKeeper::CheckFloorLocked(
    std::span<const std::string> leaf_hashes) const {
  ASSIGN_OR_RETURN(const std::optional<CheckpointMark> in_file,
                   ReadLastSigned(data_dir_));
  if (last_signed_.has_value()) {
    RETURN_IF_ERROR(CheckLogKeepsMark(leaf_hashes, *last_signed_));
  }
  if (in_file.has_value() &&
      !(last_signed_.has_value() && SameMark(*in_file, *last_signed_))) {
    RETURN_IF_ERROR(CheckLogKeepsMark(leaf_hashes, *in_file));
  }
  return absl::OkStatus();
}

absl::Status AuditKeeper::CheckLog(store::Connection& conn) const {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const std::vector<std::string> hashes,
                   LeafHashesUpTo(conn, std::nullopt));
  return CheckFloorLocked(hashes);
}

std::optional<CheckpointMark> AuditKeeper::last_signed() const {
  absl::MutexLock lock(&mu_);
  return last_signed_;
}

absl::StatusOr<v1::SignedCheckpoint> AuditKeeper::SignCheckpoint(
    store::Connection& conn) const {
  // Held throughout: the next signing reads its snapshot after this one
  // is recorded, so each is of a log at least as long.
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const std::vector<std::string> hashes,
                   LeafHashesUpTo(conn, std::nullopt));
  if (absl::Status floor = CheckFloorLocked(hashes); !floor.ok()) {
    spdlog::error("audit: no checkpoint signed: {}",
                  std::string(floor.message()));
    return floor;
  }
  Checkpoint checkpoint{.origin = kAuditLogOrigin,
                        .size = hashes.size(),
                        .root_hash = RootHash(hashes)};
  ASSIGN_OR_RETURN(std::string body, CheckpointBody(checkpoint));
  ASSIGN_OR_RETURN(std::string signature,
                   audit::SignCheckpoint(key_.get(), checkpoint));
  v1::SignedCheckpoint signed_checkpoint;
  signed_checkpoint.set_origin(checkpoint.origin);
  signed_checkpoint.set_tree_size(checkpoint.size);
  signed_checkpoint.set_root_hash(checkpoint.root_hash);
  signed_checkpoint.set_body(std::move(body));
  signed_checkpoint.set_signature(std::move(signature));
  signed_checkpoint.set_public_key_pem(public_key_pem_);
  // The floor, and the time the metrics alert on when it grows old.
  CheckpointMark mark{.signed_at = clock_->Now(),
                      .tree_size = checkpoint.size,
                      .root_hash = std::move(checkpoint.root_hash)};
  if (absl::Status recorded = WriteCheckpointMark(data_dir_, mark);
      !recorded.ok()) {
    spdlog::error("audit: checkpoint of {} entries not handed out: {}",
                  mark.tree_size, recorded.ToString());
    return absl::Status(
        recorded.code(),
        absl::StrCat("the checkpoint cannot be recorded in ",
                     CheckpointMarkPath(data_dir_).string(),
                     ", so it is not handed out: ", recorded.message()));
  }
  last_signed_ = std::move(mark);
  return signed_checkpoint;
}

absl::StatusOr<v1::ProofResponse> AuditKeeper::InclusionProof(
    store::Connection& conn, uint64_t index, uint64_t tree_size) const {
  if (index >= tree_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("index: ", index, " is not below tree_size ", tree_size));
  }
  ASSIGN_OR_RETURN(const std::vector<std::string> hashes,
                   LeafHashesUpTo(conn, tree_size));
  ASSIGN_OR_RETURN(std::vector<std::string> proof,
                   audit::InclusionProof(hashes, index));
  v1::ProofResponse response = ToResponse(std::move(proof));
  response.set_leaf_hash(hashes[index]);
  return response;
}

absl::StatusOr<v1::ProofResponse> AuditKeeper::ConsistencyProof(
    store::Connection& conn, uint64_t old_size, uint64_t new_size) const {
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old_size: ", old_size, " is larger than new_size ", new_size));
  }
  ASSIGN_OR_RETURN(const std::vector<std::string> hashes,
                   LeafHashesUpTo(conn, new_size, "new_size"));
  ASSIGN_OR_RETURN(std::vector<std::string> proof,
                   audit::ConsistencyProof(hashes, old_size));
  return ToResponse(std::move(proof));
}

absl::StatusOr<v1::VerifyLogResponse> AuditKeeper::Verify(
    store::Connection& conn, const v1::SignedCheckpoint& checkpoint) const {
  v1::VerifyLogResponse response;
  absl::StatusOr<uint64_t> size = VerifyStoredLog(conn, checkpoint, key_.get());
  if (size.ok()) {
    response.set_consistent(true);
    response.set_tree_size(*size);
    return response;
  }
  if (!IsVerificationProblem(size.status())) return size.status();
  response.set_consistent(false);
  response.set_problem(std::string(size.status().message()));
  ASSIGN_OR_RETURN(const uint64_t stored, AuditLogSize(conn));
  response.set_tree_size(stored);
  return response;
}

}  // namespace rosa::audit
