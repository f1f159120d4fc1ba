// Verification of the stored audit log (table audit_log) against a signed
// checkpoint that someone outside the hub kept, or against what the hub
// last signed (checkpoint_mark.h), and the checkpoint's file format.
//
// Beyond VerifyLog (signature, size, root; log_verifier.h), every stored
// row is checked against itself: rows numbered 0, 1, 2, ... without a gap,
// each entry parses and carries its own position as index, and the stored
// leaf hash and person column agree with the entry bytes. So a change
// anywhere in the table is found, also in entries appended after the
// checkpoint, and where the table says enough the message names the entry
// (by index only) and what happened to it.
//
// The checkpoint file is the rosa.hub.v1.SignedCheckpoint as JSON in
// protobuf's canonical mapping (bytes in base64, tree_size as a string):
//   {
//    "origin": "rosa-hub audit log",
//    "tree_size": "42",
//    "root_hash": "<base64>",
//    "body": "rosa-hub audit log\n42\n<base64>\n",
//    "signature": "<base64 of 64 bytes>",
//    "public_key_pem": "-----BEGIN PUBLIC KEY-----\n..."
//   }
// What is signed is `body`; the other fields repeat it for readers and
// must agree with it.
//
// Thread-safety: pure functions over the caller's connection.
#ifndef ROSA_HUB_AUDIT_STORED_LOG_VERIFIER_H_
#define ROSA_HUB_AUDIT_STORED_LOG_VERIFIER_H_

#include <openssl/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hub/audit/checkpoint.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::audit {

// The origin line of every checkpoint of the hub's audit log.
inline constexpr char kAuditLogOrigin[] = "rosa-hub audit log";

// The checkpoint that `signed_checkpoint` signs: its parsed body (or, if
// the body is empty, its fields). FAILED_PRECONDITION if the body is not
// canonical or a field that is set disagrees with it.
absl::StatusOr<Checkpoint> CheckpointOf(
    const rosa::hub::v1::SignedCheckpoint& signed_checkpoint);

// Verifies the whole stored log against `signed_checkpoint` with the hub's
// public key `hub_key`, inside one read snapshot. Returns the stored log's
// size. Otherwise:
//   FAILED_PRECONDITION  the checkpoint is malformed, names another origin
//                        or key, or its signature does not verify with
//                        `hub_key`;
//   DATA_LOSS            the stored log was altered: an entry dropped,
//                        reordered, rewritten, or cut off after the
//                        checkpoint (the message says which);
//   other codes          the store could not be read.
// Messages hold sizes and indexes only, never entry contents or hashes.
// REQUIRES: hub_key != nullptr.
absl::StatusOr<uint64_t> VerifyStoredLog(
    store::Connection& conn,
    const rosa::hub::v1::SignedCheckpoint& signed_checkpoint,
    EVP_PKEY* hub_key);

// Verifies every stored row on its own, as VerifyStoredLog does, and that
// the log still holds what the hub last signed, `mark`, by the one rule
// for that (CheckLogKeepsMark). Returns the stored log's size; DATA_LOSS if
// the log was altered; other codes if the store could not be read.
// Messages as VerifyStoredLog's.
absl::StatusOr<uint64_t> VerifyStoredLogKeepsMark(store::Connection& conn,
                                                  const CheckpointMark& mark);

// True for the codes by which VerifyStoredLog reports a problem with the
// checkpoint or the log (as opposed to a failure to read the store).
bool IsVerificationProblem(const absl::Status& status);

// The checkpoint file format (see the top of this file).
absl::StatusOr<std::string> CheckpointToJson(
    const rosa::hub::v1::SignedCheckpoint& signed_checkpoint);
// INVALID_ARGUMENT if `json` is not a SignedCheckpoint.
absl::StatusOr<rosa::hub::v1::SignedCheckpoint> CheckpointFromJson(
    std::string_view json);

// Reads an Ed25519 public key PEM file (as written beside the signing
// key, "<key>.pub").
absl::StatusOr<KeyPtr> LoadPublicKeyFile(const std::filesystem::path& path);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_STORED_LOG_VERIFIER_H_
