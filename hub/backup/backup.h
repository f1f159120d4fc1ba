// `rosa-hub backup`: a consistent copy of a hub's data directory, taken
// while the hub serves and writes. The database is copied with SQLite's
// VACUUM INTO on a read-only connection: one read snapshot, so the copy
// holds exactly the transactions committed before it began (every
// acknowledged write of that moment) and none half. The certificates and
// lists of pki/ are copied beside it; private keys never are (neither
// keys/ nor pki/*.key, nor any file of pki/ that holds a PEM private key
// whatever its name, which is left out with a warning: they are kept
// apart, see the README's key custody).
// Last comes manifest.json (backup_manifest.h), signed as a whole with
// the hub's audit key: every file's size and SHA-256, the schema version
// and the signed audit checkpoint of the copied database, so that a
// restore can prove every file and the copy's audit log are the ones this
// hub wrote (and the checkpoint alone as audit-checkpoint.json, for
// `rosa-hub audit verify`).
//
// Signing needs the hub's audit signing key: run the backup as the hub's
// user. It is read, never copied.
//
// Thread-safety: call from one thread; may run beside a serving hub (WAL
// readers never block its writer).
#ifndef ROSA_HUB_BACKUP_BACKUP_H_
#define ROSA_HUB_BACKUP_BACKUP_H_

#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/backup/backup_manifest.h"

namespace rosa::backup {

// Copies `data_dir` into `out_dir` (made with mode 0700; it must not exist
// or be empty) and returns the manifest written there. On failure the
// files written so far are removed. NOT_FOUND if `data_dir` holds no
// database or no audit signing key.
absl::StatusOr<BackupManifest> TakeBackup(const std::filesystem::path& data_dir,
                                          const std::filesystem::path& out_dir,
                                          absl::Time now);

}  // namespace rosa::backup

#endif  // ROSA_HUB_BACKUP_BACKUP_H_
