// `rosa-hub restore`: puts a backup (backup.h) into a fresh data directory,
// but only a backup that proves itself whole. Every file listed in the
// manifest must have its size and SHA-256, and the copied database's audit
// log must verify against the manifest's signed checkpoint (the existing
// verifier, hub/audit/stored_log_verifier.h) with the hub's own public key
// - never with the key the manifest names, which a forger would choose.
// The log must also be exactly as long as the checkpoint: a backup holds
// one moment.
//
// The data directory must be empty or hold only keys/ (the private keys,
// copied from custody before the restore; their public audit key is then
// the one checked against). Restore never overwrites; on any refusal what
// it copied is removed again and keys/ is left alone.
//
// Thread-safety: call from one thread, with no hub running on `data_dir`.
#ifndef ROSA_HUB_BACKUP_RESTORE_H_
#define ROSA_HUB_BACKUP_RESTORE_H_

#include <filesystem>

#include "absl/status/statusor.h"
#include "hub/backup/backup_manifest.h"

namespace rosa::backup {

struct RestoreOptions {
  std::filesystem::path from;
  std::filesystem::path data_dir;
  // The hub's audit public key (PEM); empty means
  // <data_dir>/keys/audit-signing.key.pub.
  std::filesystem::path public_key_file;
};

// Returns the manifest restored. FAILED_PRECONDITION if the data
// directory is not empty or the public key is missing; DATA_LOSS if a file
// does not match the manifest or the audit log does not verify against it.
absl::StatusOr<BackupManifest> RestoreBackup(const RestoreOptions& options);

}  // namespace rosa::backup

#endif  // ROSA_HUB_BACKUP_RESTORE_H_
