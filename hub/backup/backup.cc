#include "hub/backup/backup.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/backup/backup_dir.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/store/database_file.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "spdlog/spdlog.h"

namespace rosa::backup {
namespace {

namespace fs = std::filesystem;

absl::Status SyncFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return absl::InternalError(absl::StrCat("cannot fsync ", path.string()));
  }
  ::close(fd);
  return absl::OkStatus();
}

// VACUUM INTO: one read snapshot of the live database, written as a new,
// compact file.
absl::Status CopyDatabase(const fs::path& data_dir, const fs::path& out_dir) {
  ASSIGN_OR_RETURN(auto conn,
                   store::OpenExistingDatabase(
                       data_dir, store::Connection::Mode::kReadOnly));
  ASSIGN_OR_RETURN(auto vacuum, conn->Prepare("VACUUM INTO ?1"));
  const std::string target = store::DatabasePath(out_dir).string();
  RETURN_IF_ERROR(vacuum->Bind(1, target).Run());
  return SyncFile(target);
}

// The certificates and lists of pki/, never a private key: not by name
// (*.key), and not by content, whatever the name.
absl::Status CopyPki(const fs::path& data_dir, const fs::path& out_dir,
                     std::vector<std::string>& copied) {
  const fs::path pki = data_dir / "pki";
  std::error_code ec;
  if (!fs::is_directory(pki, ec)) return absl::OkStatus();
  RETURN_IF_ERROR(EnsurePrivateDirectory(out_dir / "pki"));
  for (const fs::directory_entry& entry : fs::directory_iterator(pki, ec)) {
    const std::string path = "pki/" + entry.path().filename().string();
    if (!entry.is_regular_file() || !CheckBackupPath(path).ok()) continue;
    ASSIGN_OR_RETURN(std::string data, ReadSmallFile(entry.path(), 16 << 20));
    if (HoldsPemPrivateKey(data)) {
      OPENSSL_cleanse(data.data(), data.size());
      spdlog::warn(
          "{} holds a private key: not copied into the backup (keep private "
          "keys in key custody only, and remove this copy)",
          path);
      continue;
    }
    RETURN_IF_ERROR(WriteFileAtomically(out_dir / path, data));
    copied.push_back(path);
  }
  if (ec)
    return absl::InternalError(absl::StrCat("cannot list ", pki.string()));
  std::sort(copied.begin(), copied.end());
  return absl::OkStatus();
}

absl::StatusOr<BackupManifest> Take(const fs::path& data_dir,
                                    const fs::path& out_dir, absl::Time now) {
  // The key first: without it there is no checkpoint, so no backup.
  ASSIGN_OR_RETURN(auto keeper, audit::AuditKeeper::OpenExisting(data_dir));
  RETURN_IF_ERROR(CopyDatabase(data_dir, out_dir));

  BackupManifest manifest;
  manifest.created = now;
  {
    ASSIGN_OR_RETURN(
        auto copy, store::Connection::Open(store::DatabasePath(out_dir),
                                           store::Connection::Mode::kReadOnly));
    ASSIGN_OR_RETURN(manifest.schema_version, store::SchemaVersionOf(*copy));
    // The tree head of the copy is the one of the live log at the moment
    // of the copy; checking the copy against it at once proves the copy
    // whole before anyone relies on it.
    ASSIGN_OR_RETURN(manifest.audit_checkpoint, keeper->SignCheckpoint(*copy));
    RETURN_IF_ERROR(
        audit::VerifyStoredLog(*copy, manifest.audit_checkpoint, keeper->key())
            .status());
  }
  std::vector<std::string> paths = {store::kDatabaseFileName};
  RETURN_IF_ERROR(CopyPki(data_dir, out_dir, paths));
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(BackupFile file, DescribeFile(out_dir, path));
    manifest.files.push_back(std::move(file));
  }
  // The checkpoint also on its own, in the file format `rosa-hub audit
  // verify --checkpoint` reads, to keep with the other checkpoints.
  ASSIGN_OR_RETURN(const std::string checkpoint,
                   audit::CheckpointToJson(manifest.audit_checkpoint));
  RETURN_IF_ERROR(
      WriteFileAtomically(out_dir / kCheckpointFile, checkpoint + "\n"));
  // Signed last, as a whole: every entry, the schema version and the
  // checkpoint.
  RETURN_IF_ERROR(SignManifest(keeper->key(), manifest));
  ASSIGN_OR_RETURN(const std::string json, ManifestToJson(manifest));
  RETURN_IF_ERROR(WriteFileAtomically(out_dir / kManifestFile, json));
  return manifest;
}

}  // namespace

absl::StatusOr<BackupManifest> TakeBackup(const fs::path& data_dir,
                                          const fs::path& out_dir,
                                          absl::Time now) {
  RETURN_IF_ERROR(PrepareEmptyDirectory(out_dir, "backup directory"));
  absl::StatusOr<BackupManifest> manifest = Take(data_dir, out_dir, now);
  if (!manifest.ok()) RemoveContents(out_dir);
  return manifest;
}

}  // namespace rosa::backup
