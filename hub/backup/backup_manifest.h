// The manifest of a backup (hub/backup/backup.h): what a backup directory
// holds and how to check it. Written last, as manifest.json, so a directory
// without it is an unfinished backup. It lists every file with its size and
// SHA-256, the database's schema version, and the signed audit checkpoint
// of the copied database (the tree head at the moment of the copy), and it
// is signed as a whole with the hub's audit key:
//   {
//    "format": "rosa-hub backup 2",
//    "created": "2026-12-06T10:00:00Z",
//    "schema_version": 5,
//    "files": [{"path": "rosa-hub.db", "size": 123, "sha256": "<hex>"}, ...],
//    "audit_checkpoint": { <the checkpoint file format of
//                           hub/audit/stored_log_verifier.h> },
//    "signature": "<base64 of the 64-byte Ed25519 signature>"
//   }
// What is signed is ManifestBody: the line "rosa-hub backup manifest",
// a newline, and the manifest without "signature" as compact JSON, its
// keys in the order above. A reader verifies it by building the body again
// from what it parsed, so every value it then uses is one that was signed.
// Format 1 ("rosa-hub backup 1", written before the manifest was signed)
// has no signature; it parses with `unsigned_legacy` set, and restore
// refuses it unless told otherwise (restore.h).
// The manifest holds sizes, digests and the checkpoint: never personal data.
//
// Thread-safety: pure functions.
#ifndef ROSA_HUB_BACKUP_BACKUP_MANIFEST_H_
#define ROSA_HUB_BACKUP_BACKUP_MANIFEST_H_

#include <openssl/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::backup {

// The manifest's file name inside a backup directory.
inline constexpr char kManifestFile[] = "manifest.json";
// The manifest's audit checkpoint again, alone, in the checkpoint file
// format (for `rosa-hub audit verify --checkpoint`); not listed in the
// manifest and not restored.
inline constexpr char kCheckpointFile[] = "audit-checkpoint.json";

struct BackupFile {
  // Relative to the backup (and data) directory, '/'-separated.
  std::string path;
  uint64_t size = 0;
  std::string sha256_hex;
};

struct BackupManifest {
  absl::Time created;
  int schema_version = 0;
  std::vector<BackupFile> files;
  rosa::hub::v1::SignedCheckpoint audit_checkpoint;
  // The raw Ed25519 signature of ManifestBody (SignManifest); empty in an
  // unsigned format-1 manifest.
  std::string signature;
  // Read from a format-1 manifest (and written as one): no signature.
  bool unsigned_legacy = false;
};

// OK iff `path` may appear in a backup: the database, or a file directly
// in pki/ that is not a private key (*.key). Never anything under keys/,
// never an absolute path or "..". INVALID_ARGUMENT names the path.
absl::Status CheckBackupPath(const std::string& path);

// True if `content` holds a PEM private key: a "-----BEGIN <label>-----"
// whose label names one ("PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED
// PRIVATE KEY", ..., in any case). Such a file is never copied into a
// backup, whatever its name (a renamed copy, "hub.key.old" or "ca.key~",
// or a certificate with its key in one file).
bool HoldsPemPrivateKey(std::string_view content);

absl::StatusOr<std::string> ManifestToJson(const BackupManifest& manifest);
// INVALID_ARGUMENT if `json` is not a manifest of format 2 (with a
// signature of 64 bytes) or 1 (without one), or a file path fails
// CheckBackupPath. Nothing read is to be trusted before
// VerifyManifestSignature.
absl::StatusOr<BackupManifest> ManifestFromJson(std::string_view json);

// The bytes the signature covers (see the top of this file).
absl::StatusOr<std::string> ManifestBody(const BackupManifest& manifest);

// Sets manifest.signature: the signature of ManifestBody with the hub's
// audit signing key. REQUIRES: signing_key != nullptr.
absl::Status SignManifest(EVP_PKEY* signing_key, BackupManifest& manifest);

// OK iff manifest.signature is the signature of ManifestBody(manifest) by
// `hub_key` (the hub's own public key, never one the backup names).
// DATA_LOSS if it is not, or the manifest is unsigned; the message says
// which, never a value of the manifest. REQUIRES: hub_key != nullptr.
absl::Status VerifyManifestSignature(EVP_PKEY* hub_key,
                                     const BackupManifest& manifest);

// The size and SHA-256 of `dir`/`path`, as a manifest entry.
absl::StatusOr<BackupFile> DescribeFile(const std::filesystem::path& dir,
                                        const std::string& path);

}  // namespace rosa::backup

#endif  // ROSA_HUB_BACKUP_BACKUP_MANIFEST_H_
