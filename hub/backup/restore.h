// `rosa-hub restore`: puts a backup (backup.h) into a fresh data directory,
// but only a backup that proves itself whole. First the manifest's own
// signature (backup_manifest.h) must verify with the hub's own public key -
// never with a key the manifest names, which a forger would choose -
// before any entry of it is used. Then every file listed must have its
// size and SHA-256, and the copied database's audit log must verify
// against the manifest's signed checkpoint (the existing verifier,
// hub/audit/stored_log_verifier.h) with the same key. The log must also be
// exactly as long as the checkpoint: a backup holds one moment. The copied
// database must be of the schema version the manifest names, and that
// version no newer than this hub's (an older one is migrated when the hub
// starts). Last, keys/kek in the data directory must hold every KEK
// version the restored database wraps data keys under (key_guard.h): a
// backup from before a `keys rotate` needs the copy of keys/ of its time.
//
// What a backup cannot hold is what happened after it: the events and
// records made since are lost, but partners hold their cursors and ids.
// So the restored database hands none of them out again: in one
// transaction every event stream's cursors jump by kRestoreCursorGap and
// every id counter by kRestoreIdGap (hub/outbox/outbox.h,
// hub/store/id_counter.h). A partner resuming with its cursor receives
// every new event; new ids are new.
//
// An unsigned manifest (format 1, written before manifests were signed) is
// refused unless the caller allows it explicitly; then only the audit log
// is proved, not the rest of the database or pki/.
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
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "hub/backup/backup_manifest.h"

namespace rosa::backup {

struct RestoreOptions {
  std::filesystem::path from;
  std::filesystem::path data_dir;
  // The hub's audit public key (PEM); empty means
  // <data_dir>/keys/audit-signing.key.pub.
  std::filesystem::path public_key_file;
  // Accept a format-1 manifest, which is not signed (see above).
  bool allow_unsigned_manifest = false;
  // When the restore runs: with the backup's time, which years' ids may
  // have been handed out since.
  absl::Time now = absl::Now();
};

// Returns the manifest restored. FAILED_PRECONDITION if the data
// directory is not empty, the public key is missing, the manifest is
// unsigned and not allowed, the backup's schema is newer than this hub's,
// or keys/kek lacks a KEK version the database needs; DATA_LOSS if the
// manifest's signature does not verify, a file or the database's schema
// version does not match the manifest, or the audit log does not verify
// against it.
absl::StatusOr<BackupManifest> RestoreBackup(const RestoreOptions& options);

}  // namespace rosa::backup

#endif  // ROSA_HUB_BACKUP_RESTORE_H_
