// VerifyStoredLog: the checkpoint first (form, origin, key, signature),
// then every stored row on its own, then the size and the root through
// VerifyLog.
//
// Thread-safety: pure functions.
#include "hub/audit/stored_log_verifier.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "hub/audit/audit_log.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/audit/log_verifier.h"
#include "hub/audit/merkle.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {
namespace {

namespace v1 = rosa::hub::v1;

constexpr size_t kMaxPublicKeyFileSize = 64 << 10;
constexpr size_t kMaxCheckpointJsonSize = 64 << 10;

absl::Status Altered(const std::string& what) {
  return absl::DataLossError(absl::StrCat("audit log altered: ", what));
}

// The checks one row allows on its own: its position, that the stored
// hash agrees with the entry bytes, that the entry parses and names that
// position, and that the person column agrees with it.
absl::Status CheckRow(uint64_t position, const StoredAuditRow& row) {
  if (row.idx < 0 || static_cast<uint64_t>(row.idx) != position) {
    return Altered(absl::StrCat("entry ", position,
                                " is missing (dropped, or the rows were "
                                "renumbered)"));
  }
  // The hash first: bytes that do not match it are not worth parsing.
  if (row.leaf_hash != LeafHash(row.entry)) {
    return Altered(absl::StrCat("entry ", position,
                                " does not match its stored leaf hash "
                                "(rewritten)"));
  }
  v1::AuditEntry entry;
  if (!entry.ParseFromString(row.entry)) {
    return Altered(
        absl::StrCat("entry ", position, " does not parse (rewritten)"));
  }
  if (entry.index() != position) {
    return Altered(absl::StrCat("entry ", position, " carries index ",
                                entry.index(), " (reordered or moved)"));
  }
  const bool person_ok =
      entry.person_id().empty()
          ? row.person_id_null
          : !row.person_id_null && row.person_id == entry.person_id();
  if (!person_ok) {
    return Altered(absl::StrCat("entry ", position,
                                " does not match its stored person column "
                                "(rewritten)"));
  }
  return absl::OkStatus();
}

// Every stored row, each checked on its own (CheckRow), from one snapshot.
absl::StatusOr<std::vector<StoredAuditRow>> ReadCheckedRows(
    store::Connection& conn) {
  std::vector<StoredAuditRow> rows;
  {
    store::ReadTransaction snapshot(conn);
    RETURN_IF_ERROR(snapshot.status());
    ASSIGN_OR_RETURN(rows, ReadStoredAuditRows(conn));
  }
  for (uint64_t i = 0; i < rows.size(); ++i) {
    RETURN_IF_ERROR(CheckRow(i, rows[i]));
  }
  return rows;
}

absl::Status CheckKey(const v1::SignedCheckpoint& signed_checkpoint,
                      EVP_PKEY* hub_key) {
  if (signed_checkpoint.public_key_pem().empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(const std::string hub_pem, PublicKeyPem(hub_key));
  if (signed_checkpoint.public_key_pem() != hub_pem) {
    return absl::FailedPreconditionError(
        "cannot trust the checkpoint: it names another signing key than "
        "this hub's");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Checkpoint> CheckpointOf(
    const v1::SignedCheckpoint& signed_checkpoint) {
  Checkpoint checkpoint;
  if (signed_checkpoint.body().empty()) {
    checkpoint.origin = signed_checkpoint.origin();
    checkpoint.size = signed_checkpoint.tree_size();
    checkpoint.root_hash = signed_checkpoint.root_hash();
    if (!CheckpointBody(checkpoint).ok()) {
      return absl::FailedPreconditionError(
          "malformed checkpoint: no body, and its fields do not make one");
    }
    return checkpoint;
  }
  absl::StatusOr<Checkpoint> parsed =
      ParseCheckpointBody(signed_checkpoint.body());
  if (!parsed.ok()) {
    return absl::FailedPreconditionError(
        "malformed checkpoint: its body is not a canonical checkpoint");
  }
  checkpoint = *std::move(parsed);
  if ((!signed_checkpoint.origin().empty() &&
       signed_checkpoint.origin() != checkpoint.origin) ||
      (signed_checkpoint.tree_size() != 0 &&
       signed_checkpoint.tree_size() != checkpoint.size) ||
      (!signed_checkpoint.root_hash().empty() &&
       signed_checkpoint.root_hash() != checkpoint.root_hash)) {
    return absl::FailedPreconditionError(
        "malformed checkpoint: its fields disagree with its signed body");
  }
  return checkpoint;
}

absl::StatusOr<uint64_t> VerifyStoredLog(
    store::Connection& conn, const v1::SignedCheckpoint& signed_checkpoint,
    EVP_PKEY* hub_key) {
  ASSIGN_OR_RETURN(const Checkpoint checkpoint,
                   CheckpointOf(signed_checkpoint));
  if (checkpoint.origin != kAuditLogOrigin) {
    return absl::FailedPreconditionError(
        absl::StrCat("the checkpoint is not of this log: its origin is not \"",
                     kAuditLogOrigin, "\""));
  }
  RETURN_IF_ERROR(CheckKey(signed_checkpoint, hub_key));
  if (absl::Status s =
          VerifyCheckpoint(hub_key, checkpoint, signed_checkpoint.signature());
      !s.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot trust the checkpoint: ", s.message()));
  }

  ASSIGN_OR_RETURN(std::vector<StoredAuditRow> rows, ReadCheckedRows(conn));
  std::vector<std::string> entries;
  entries.reserve(rows.size());
  for (StoredAuditRow& row : rows) entries.push_back(std::move(row.entry));
  // Size, then the root of the first checkpoint.size entries.
  RETURN_IF_ERROR(
      VerifyLog(entries, checkpoint, signed_checkpoint.signature(), hub_key));
  return entries.size();
}

absl::StatusOr<uint64_t> VerifyStoredLogKeepsMark(store::Connection& conn,
                                                  const CheckpointMark& mark) {
  ASSIGN_OR_RETURN(std::vector<StoredAuditRow> rows, ReadCheckedRows(conn));
  // CheckRow proved each stored hash the hash of its entry.
  std::vector<std::string> leaf_hashes;
  leaf_hashes.reserve(rows.size());
  for (StoredAuditRow& row : rows) {
    leaf_hashes.push_back(std::move(row.leaf_hash));
  }
  RETURN_IF_ERROR(CheckLogKeepsMark(leaf_hashes, mark));
  return leaf_hashes.size();
}

bool IsVerificationProblem(const absl::Status& status) {
  return absl::IsFailedPrecondition(status) || absl::IsDataLoss(status);
}

absl::StatusOr<std::string> CheckpointToJson(
    const v1::SignedCheckpoint& signed_checkpoint) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(signed_checkpoint, &json,
                                                   options)
           .ok()) {
    return absl::InternalError("cannot print the checkpoint as JSON");
  }
  return json;
}

absl::StatusOr<v1::SignedCheckpoint> CheckpointFromJson(std::string_view json) {
  if (json.size() > kMaxCheckpointJsonSize) {
    return absl::InvalidArgumentError("the checkpoint file is too large");
  }
  v1::SignedCheckpoint signed_checkpoint;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json),
                                                   &signed_checkpoint)
           .ok()) {
    return absl::InvalidArgumentError(
        "not a rosa.hub.v1.SignedCheckpoint in JSON");
  }
  return signed_checkpoint;
}

absl::StatusOr<KeyPtr> LoadPublicKeyFile(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(const std::string pem,
                   ReadSmallFile(path, kMaxPublicKeyFileSize));
  absl::StatusOr<KeyPtr> key = ParsePublicKeyPem(pem);
  if (!key.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path.string(),
        " is not an Ed25519 public key: ", key.status().message()));
  }
  return key;
}

}  // namespace rosa::audit
