// Signed checkpoints of the audit log. A checkpoint commits to the log's
// first `size` entries through their Merkle root (see merkle.h); the hub
// signs it with Ed25519 so that anyone who keeps a copy of a checkpoint can
// later show that the log was cut short or rewritten.
//
// The signed bytes are the body of a C2SP signed-note checkpoint
// (https://c2sp.org/tlog-checkpoint):
//   <origin>\n<size in decimal>\n<base64 of the 32-byte root>\n
// The signature is the raw 64-byte Ed25519 signature over exactly those
// bytes (RFC 8032 pure Ed25519, no pre-hash).
//
// The signing key is a PKCS#8 PEM file, created on first use with mode 0600
// through a temporary file and a rename; its public key is written beside
// it as "<path>.pub" (SubjectPublicKeyInfo PEM) for outside verifiers.
//
// Thread-safety: the functions are safe to call concurrently, also with the
// same key (OpenSSL 3 EVP_PKEY is safe for concurrent signing). The first
// LoadOrCreateSigningKey on a path is not safe against another process or
// thread creating the same path at the same time.
#ifndef ROSA_HUB_AUDIT_CHECKPOINT_H_
#define ROSA_HUB_AUDIT_CHECKPOINT_H_

#include <openssl/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::audit {

struct Checkpoint {
  // Names the log, e.g. "rosa-hub.example/audit". Non-empty, no newline.
  std::string origin;
  // The number of entries the checkpoint covers.
  uint64_t size = 0;
  // The raw 32-byte RootHash of the first `size` leaf hashes.
  std::string root_hash;

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// The canonical text that is signed: "origin\nsize\nbase64(root)\n".
// INVALID_ARGUMENT if the origin is empty or has a newline, or the root is
// not 32 bytes.
absl::StatusOr<std::string> CheckpointBody(const Checkpoint& checkpoint);

// The inverse of CheckpointBody; INVALID_ARGUMENT unless `body` is exactly
// a canonical body.
absl::StatusOr<Checkpoint> ParseCheckpointBody(std::string_view body);

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
// An owned OpenSSL key.
using KeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// The 64-byte Ed25519 signature of `message`. Every other message signed
// with the audit key must never parse as a canonical checkpoint body: it
// starts with a line naming what it is, followed by a line that is not a
// decimal number (the backup manifest, hub/backup/backup_manifest.h).
// INVALID_ARGUMENT for a key that is not an Ed25519 private key; INTERNAL
// if OpenSSL fails.
// REQUIRES: private_key != nullptr.
absl::StatusOr<std::string> SignMessage(EVP_PKEY* private_key,
                                        std::string_view message);

// OK iff `signature` is a valid Ed25519 signature of `message` by
// `public_key` (which may also be the private key). FAILED_PRECONDITION if
// it is not (the message says only that); INVALID_ARGUMENT for a key that is
// not Ed25519.
// REQUIRES: public_key != nullptr.
absl::Status VerifyMessage(EVP_PKEY* public_key, std::string_view message,
                           std::string_view signature);

// The 64-byte Ed25519 signature of CheckpointBody(checkpoint).
// INVALID_ARGUMENT for a malformed checkpoint or a key that is not an
// Ed25519 private key; INTERNAL if OpenSSL fails.
// REQUIRES: private_key != nullptr.
absl::StatusOr<std::string> SignCheckpoint(EVP_PKEY* private_key,
                                           const Checkpoint& checkpoint);

// OK iff `signature` is a valid Ed25519 signature of
// CheckpointBody(checkpoint) by `public_key` (which may also be the private
// key). FAILED_PRECONDITION if it is not; INVALID_ARGUMENT for a malformed
// checkpoint or a key that is not Ed25519.
// REQUIRES: public_key != nullptr.
absl::Status VerifyCheckpoint(EVP_PKEY* public_key,
                              const Checkpoint& checkpoint,
                              std::string_view signature);

// Loads the Ed25519 private key at `path`, or creates it (mode 0600) if the
// file does not exist. Also writes "<path>.pub" if it is missing, and fails
// with FAILED_PRECONDITION if it exists but holds another public key.
// REQUIRES: the parent directory of `path` exists.
absl::StatusOr<KeyPtr> LoadOrCreateSigningKey(
    const std::filesystem::path& path);

// The SubjectPublicKeyInfo PEM of `key`'s public half.
// REQUIRES: key != nullptr.
absl::StatusOr<std::string> PublicKeyPem(EVP_PKEY* key);

// Parses a PEM public key as written by PublicKeyPem; INVALID_ARGUMENT if
// it is not an Ed25519 public key.
absl::StatusOr<KeyPtr> ParsePublicKeyPem(std::string_view pem);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_CHECKPOINT_H_
