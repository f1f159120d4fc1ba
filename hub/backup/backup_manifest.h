// The manifest of a backup (hub/backup/backup.h): what a backup directory
// holds and how to check it. Written last, as manifest.json, so a directory
// without it is an unfinished backup. It lists every file with its size and
// SHA-256, the database's schema version, and the signed audit checkpoint
// of the copied database (the tree head at the moment of the copy):
//   {
//    "format": "rosa-hub backup 1",
//    "created": "2026-12-06T10:00:00Z",
//    "schema_version": 5,
//    "files": [{"path": "rosa-hub.db", "size": 123, "sha256": "<hex>"}, ...],
//    "audit_checkpoint": { <the checkpoint file format of
//                           hub/audit/stored_log_verifier.h> }
//   }
// The manifest holds sizes, digests and the checkpoint: never personal data.
//
// Thread-safety: pure functions.
#ifndef ROSA_HUB_BACKUP_BACKUP_MANIFEST_H_
#define ROSA_HUB_BACKUP_BACKUP_MANIFEST_H_

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
};

// OK iff `path` may appear in a backup: the database, or a file directly
// in pki/ that is not a private key (*.key). Never anything under keys/,
// never an absolute path or "..". INVALID_ARGUMENT names the path.
absl::Status CheckBackupPath(const std::string& path);

absl::StatusOr<std::string> ManifestToJson(const BackupManifest& manifest);
// INVALID_ARGUMENT if `json` is not a manifest of this format, or a file
// path fails CheckBackupPath.
absl::StatusOr<BackupManifest> ManifestFromJson(std::string_view json);

// The size and SHA-256 of `dir`/`path`, as a manifest entry.
absl::StatusOr<BackupFile> DescribeFile(const std::filesystem::path& dir,
                                        const std::string& path);

}  // namespace rosa::backup

#endif  // ROSA_HUB_BACKUP_BACKUP_MANIFEST_H_
