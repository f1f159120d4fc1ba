#include "hub/backup/restore.h"

#include <algorithm>
#include <memory>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/backup/backup_dir.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/outbox.h"
#include "hub/person/key_guard.h"
#include "hub/person/key_rotation.h"
#include "hub/store/database_file.h"
#include "hub/store/id_counter.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"

namespace rosa::backup {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxManifestSize = 4 << 20;
constexpr char kKeysDir[] = "keys";

absl::StatusOr<audit::KeyPtr> LoadHubKey(const RestoreOptions& options) {
  const fs::path path =
      options.public_key_file.empty()
          ? audit::AuditKeeper::PublicKeyPath(options.data_dir)
          : options.public_key_file;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no audit public key at ", path.string(),
        ": copy keys/ from custody into the data directory first, or pass "
        "--public-key"));
  }
  return audit::LoadPublicKeyFile(path);
}

// Copies one listed file and checks the copy against the manifest (so the
// bytes that end up in the data directory are the ones checked).
absl::Status CopyChecked(const RestoreOptions& options,
                         const BackupFile& file) {
  RETURN_IF_ERROR(CheckBackupPath(file.path));
  const fs::path target = options.data_dir / file.path;
  if (target.parent_path() != options.data_dir) {
    RETURN_IF_ERROR(EnsurePrivateDirectory(target.parent_path()));
  }
  std::error_code ec;
  fs::copy_file(options.from / file.path, target, ec);
  if (ec) {
    return absl::NotFoundError(
        absl::StrCat("backup file ", file.path, ": cannot be copied"));
  }
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write, ec);
  ASSIGN_OR_RETURN(const BackupFile copied,
                   DescribeFile(options.data_dir, file.path));
  if (copied.size != file.size || copied.sha256_hex != file.sha256_hex) {
    return absl::DataLossError(absl::StrCat(
        "backup file ", file.path,
        ": size or SHA-256 does not match the manifest (damaged or altered)"));
  }
  return absl::OkStatus();
}

// A backup of a newer hub is refused before anything is copied: this hub
// could not serve it, and starting on it would fail.
absl::Status CheckSchemaSupported(const BackupManifest& manifest) {
  if (manifest.schema_version <= store::CurrentSchemaVersion()) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "the backup's schema version ", manifest.schema_version,
      " is newer than this rosa-hub supports (", store::CurrentSchemaVersion(),
      "): restore it with the rosa-hub that made it, or a newer one"));
}

// The copied database must be of the schema version the manifest signed.
absl::Status CheckSchemaVersion(const RestoreOptions& options,
                                const BackupManifest& manifest) {
  ASSIGN_OR_RETURN(
      auto conn, store::Connection::Open(store::DatabasePath(options.data_dir),
                                         store::Connection::Mode::kReadOnly));
  ASSIGN_OR_RETURN(const int version, store::SchemaVersionOf(*conn));
  if (version == manifest.schema_version) return absl::OkStatus();
  return absl::DataLossError(
      absl::StrCat("the backup's database has schema version ", version,
                   ", its manifest says ", manifest.schema_version));
}

absl::Status VerifyAuditLog(const RestoreOptions& options,
                            const BackupManifest& manifest, EVP_PKEY* key) {
  ASSIGN_OR_RETURN(
      auto conn, store::Connection::Open(store::DatabasePath(options.data_dir),
                                         store::Connection::Mode::kReadOnly));
  absl::StatusOr<uint64_t> size =
      audit::VerifyStoredLog(*conn, manifest.audit_checkpoint, key);
  if (!size.ok()) {
    if (!audit::IsVerificationProblem(size.status())) return size.status();
    return absl::DataLossError(
        absl::StrCat("the backup's audit log does not verify against its "
                     "manifest: ",
                     size.status().message()));
  }
  ASSIGN_OR_RETURN(const audit::Checkpoint checkpoint,
                   audit::CheckpointOf(manifest.audit_checkpoint));
  if (*size != checkpoint.size) {
    return absl::DataLossError(
        absl::StrCat("the backup's audit log has ", *size,
                     " entries, its manifest's checkpoint ", checkpoint.size));
  }
  return absl::OkStatus();
}

// The keys/ beside the restored database must open every data key in it:
// a backup from before a `keys rotate` needs the copy of keys/ of its own
// time, or every person under a retired version is unreadable.
absl::Status CheckKeysOfItsTime(const RestoreOptions& options) {
  ASSIGN_OR_RETURN(
      auto conn, store::Connection::Open(store::DatabasePath(options.data_dir),
                                         store::Connection::Mode::kReadOnly));
  const fs::path kek_path = crypto::KekStore::DefaultPath(options.data_dir);
  std::unique_ptr<crypto::KekStore> keks;
  std::error_code ec;
  if (fs::exists(kek_path, ec)) {
    ASSIGN_OR_RETURN(keks, crypto::KekStore::Open(kek_path));
  }
  const absl::Status held = CheckKekVersionsHeld(*conn, keks.get());
  if (!absl::IsFailedPrecondition(held)) return held;
  return absl::FailedPreconditionError(absl::StrCat(
      "backup: ", held.message(),
      ": this backup needs the copy of keys/ from its own time (taken before "
      "any later `rosa-hub keys rotate`) in ",
      (options.data_dir / kKeysDir).string(),
      "; with these keys every person and note sealed under those versions "
      "would be unreadable"));
}

// Records and events made after the backup are lost, but partners hold
// their ids and cursors: every sequence moves past them, in one
// transaction, so that nothing handed out after the backup is handed out
// again (outbox.h, id_counter.h).
absl::Status AdvanceSequences(const RestoreOptions& options,
                              const BackupManifest& manifest) {
  ASSIGN_OR_RETURN(
      auto conn, store::Connection::Open(store::DatabasePath(options.data_dir),
                                         store::Connection::Mode::kReadWrite));
  // The ids lost were made between the backup and now, by the years the
  // hub gives them (Oslo's).
  const int backup_year = static_cast<int>(
      absl::ToCivilYear(manifest.created, OsloTimeZone()).year());
  const int now_year =
      static_cast<int>(absl::ToCivilYear(options.now, OsloTimeZone()).year());
  RETURN_IF_ERROR(conn->Exec("BEGIN IMMEDIATE"));
  absl::Status status = Outbox::AdvanceCursorsForRestore(*conn);
  if (status.ok()) {
    status = store::AdvanceYearlyIdsForRestore(*conn,
                                               std::min(backup_year, now_year),
                                               std::max(backup_year, now_year));
  }
  if (!status.ok()) {
    conn->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  return conn->Exec("COMMIT");
}

absl::StatusOr<BackupManifest> Restore(const RestoreOptions& options,
                                       EVP_PKEY* key) {
  ASSIGN_OR_RETURN(
      const std::string json,
      ReadSmallFile(options.from / kManifestFile, kMaxManifestSize));
  ASSIGN_OR_RETURN(BackupManifest manifest, ManifestFromJson(json));
  // Nothing the manifest says is used before its signature is checked.
  if (manifest.unsigned_legacy) {
    if (!options.allow_unsigned_manifest) {
      return absl::FailedPreconditionError(
          "the backup manifest is of format 1 and not signed, so nothing "
          "proves its file list and digests; restore it only if it was "
          "kept where no one else could write, with "
          "--allow-unsigned-manifest (README, \"Backup and restore\")");
    }
  } else {
    RETURN_IF_ERROR(VerifyManifestSignature(key, manifest));
  }
  RETURN_IF_ERROR(CheckSchemaSupported(manifest));
  for (const BackupFile& file : manifest.files) {
    RETURN_IF_ERROR(CopyChecked(options, file));
  }
  RETURN_IF_ERROR(CheckSchemaVersion(options, manifest));
  RETURN_IF_ERROR(VerifyAuditLog(options, manifest, key));
  RETURN_IF_ERROR(CheckKeysOfItsTime(options));
  RETURN_IF_ERROR(AdvanceSequences(options, manifest));
  return manifest;
}

}  // namespace

absl::StatusOr<BackupManifest> RestoreBackup(const RestoreOptions& options) {
  RETURN_IF_ERROR(
      PrepareEmptyDirectory(options.data_dir, "data directory", kKeysDir));
  // The hub's data is for its user alone (the hub sets the same mode).
  std::error_code ec;
  fs::permissions(options.data_dir, fs::perms::owner_all,
                  fs::perm_options::replace, ec);
  if (ec) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot set the mode of data directory ", options.data_dir.string()));
  }
  // Held as the hub and key rotation hold it: a hub cannot start on the
  // data directory while it is being restored, nor a restore run beside a
  // hub that started on it (before, both could).
  ASSIGN_OR_RETURN(const std::unique_ptr<KeysLock> lock,
                   KeysLock::Acquire(options.data_dir / kKeysDir));
  ASSIGN_OR_RETURN(const audit::KeyPtr key, LoadHubKey(options));
  absl::StatusOr<BackupManifest> manifest = Restore(options, key.get());
  if (!manifest.ok()) RemoveContents(options.data_dir, kKeysDir);
  return manifest;
}

}  // namespace rosa::backup
