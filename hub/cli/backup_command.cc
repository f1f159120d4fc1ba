#include "hub/cli/backup_command.h"

#include <sys/stat.h>

#include <iostream>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/backup/backup.h"
#include "hub/backup/restore.h"
#include "hub/outbox/outbox.h"
#include "hub/store/id_counter.h"

namespace rosa {
namespace {

int Fail(const absl::Status& status) {
  std::cerr << "rosa-hub: " << status.message() << "\n";
  return 1;
}

void PrintManifest(const char* what, const backup::BackupManifest& manifest) {
  const absl::StatusOr<audit::Checkpoint> checkpoint =
      audit::CheckpointOf(manifest.audit_checkpoint);
  std::cout << what << ": schema version " << manifest.schema_version
            << ", audit log of " << (checkpoint.ok() ? checkpoint->size : 0)
            << " entries (signed checkpoint in manifest.json), "
            << manifest.files.size() << " files\n";
}

}  // namespace

BackupCommands::BackupCommands(CLI::App& app) {
  backup_ = app.add_subcommand(
      "backup",
      "Copy the data directory consistently while the hub serves (never "
      "the keys); run as the hub's user");
  backup_->add_option("--data-dir", data_dir_, "Data directory")
      ->capture_default_str();
  backup_->add_option("--out", out_, "New or empty directory for the copy")
      ->required();
  restore_ = app.add_subcommand(
      "restore",
      "Check a backup against its manifest and put it into an empty data "
      "directory (or one holding only keys/)");
  restore_->add_option("--from", from_, "The backup directory")->required();
  restore_->add_option("--data-dir", data_dir_, "Data directory to fill")
      ->required();
  restore_->add_option("--public-key", public_key_file_,
                       "The hub's audit public key (default <data-dir>/keys/"
                       "audit-signing.key.pub)");
  restore_->add_flag(
      "--allow-unsigned-manifest", allow_unsigned_manifest_,
      "Accept a backup whose manifest is of format 1 (not signed): only "
      "for one kept where no one else could write");
}

std::optional<int> BackupCommands::RunIfChosen() const {
  if (!*backup_ && !*restore_) return std::nullopt;
  // What is written is for the hub's user alone.
  ::umask(077);
  if (*backup_) {
    auto manifest = backup::TakeBackup(data_dir_, out_, absl::Now());
    if (!manifest.ok()) return Fail(manifest.status());
    PrintManifest(("backed up to " + out_.string()).c_str(), *manifest);
    return 0;
  }
  auto manifest = backup::RestoreBackup(backup::RestoreOptions{
      .from = from_,
      .data_dir = data_dir_,
      .public_key_file = public_key_file_,
      .allow_unsigned_manifest = allow_unsigned_manifest_});
  if (!manifest.ok()) return Fail(manifest.status());
  if (manifest->unsigned_legacy) {
    std::cerr << "rosa-hub: warning: the manifest was not signed; only the "
                 "audit log was proved, not the rest of the database or "
                 "pki/\n";
  }
  PrintManifest(("restored into " + data_dir_.string()).c_str(), *manifest);
  // What partners will see (README, "Backup and restore").
  std::cout << "event cursors moved on by " << kRestoreCursorGap
            << " and record ids by " << store::kRestoreIdGap
            << ": nothing handed out after the backup is handed out again; "
               "tell the partners what was lost since "
            << absl::FormatTime(absl::RFC3339_sec, manifest->created,
                                absl::UTCTimeZone())
            << "\n";
  return 0;
}

}  // namespace rosa
