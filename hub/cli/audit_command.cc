#include "hub/cli/audit_command.h"

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/store/database_file.h"
#include "hub/store/sqlite.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr size_t kMaxCheckpointFileSize = 64 << 10;

absl::StatusOr<std::unique_ptr<store::Connection>> OpenReadOnly(
    const std::filesystem::path& data_dir) {
  return store::OpenExistingDatabase(data_dir,
                                     store::Connection::Mode::kReadOnly);
}

absl::Status PrintCheckpoint(const AuditCommandOptions& options) {
  ASSIGN_OR_RETURN(auto keeper,
                   audit::AuditKeeper::OpenExisting(options.data_dir));
  ASSIGN_OR_RETURN(auto conn, OpenReadOnly(options.data_dir));
  ASSIGN_OR_RETURN(const v1::SignedCheckpoint checkpoint,
                   keeper->SignCheckpoint(*conn));
  ASSIGN_OR_RETURN(const std::string json, audit::CheckpointToJson(checkpoint));
  std::cout << json << "\n";
  return absl::OkStatus();
}

int Fail(const absl::Status& status) {
  std::cerr << "rosa-hub: " << status.message() << "\n";
  return 1;
}

// A problem found in the log is "FAILED: ..."; anything else is an error.
int Failed(const absl::Status& status) {
  if (!audit::IsVerificationProblem(status)) return Fail(status);
  std::cout << "FAILED: " << status.message() << "\n";
  return 1;
}

// The local evidence: what the hub last signed (checkpoint_mark.h), which
// the log must still hold. Says what it checked, also when there is
// nothing to check against.
int VerifyAgainstLastSigned(const std::filesystem::path& data_dir,
                            store::Connection& conn, bool had_checkpoint) {
  const std::string path = audit::CheckpointMarkPath(data_dir).string();
  absl::StatusOr<audit::CheckpointMark> mark =
      audit::ReadCheckpointMark(data_dir);
  if (!mark.ok() && !absl::IsNotFound(mark.status())) {
    std::cout << "FAILED: cannot tell what this hub last signed: "
              << mark.status().message() << " (" << path << ")\n";
    return 1;
  }
  if (!mark.ok()) {
    // Still every row on its own, with nothing to bound the log.
    absl::StatusOr<uint64_t> size = audit::VerifyStoredLogKeepsMark(
        conn, audit::CheckpointMark{.tree_size = 0});
    if (!size.ok()) return Failed(size.status());
    std::cout << "OK: every one of the audit log's " << *size
              << " entries is intact on its own; this hub has signed no "
                 "checkpoint here ("
              << path << " is missing), so "
              << (had_checkpoint ? "only the checkpoint given bounds the log"
                                 : "nothing shows whether entries were cut "
                                   "off: pass --checkpoint")
              << "\n";
    return 0;
  }
  absl::StatusOr<uint64_t> size = audit::VerifyStoredLogKeepsMark(conn, *mark);
  if (!size.ok()) return Failed(size.status());
  std::cout << "OK: the audit log has " << *size << " entries and holds the "
            << mark->tree_size << " this hub last signed ("
            << (mark->root_hash.empty()
                    ? "their number only: the record is of the older form "
                      "without the root"
                    : "their number and root")
            << ", as recorded in " << path << ")\n";
  return 0;
}

}  // namespace

int RunAuditCheckpoint(const AuditCommandOptions& options) {
  const absl::Status status = PrintCheckpoint(options);
  return status.ok() ? 0 : Fail(status);
}

int RunAuditVerify(const AuditCommandOptions& options) {
  const std::filesystem::path key_path =
      options.public_key_file.empty()
          ? audit::AuditKeeper::PublicKeyPath(options.data_dir)
          : options.public_key_file;
  absl::StatusOr<audit::KeyPtr> key = audit::LoadPublicKeyFile(key_path);
  if (!key.ok()) return Fail(key.status());
  std::optional<v1::SignedCheckpoint> checkpoint;
  if (!options.checkpoint_file.empty()) {
    absl::StatusOr<std::string> json =
        ReadSmallFile(options.checkpoint_file, kMaxCheckpointFileSize);
    if (!json.ok()) return Fail(json.status());
    absl::StatusOr<v1::SignedCheckpoint> parsed =
        audit::CheckpointFromJson(*json);
    if (!parsed.ok()) return Fail(parsed.status());
    checkpoint = *std::move(parsed);
  }
  absl::StatusOr<std::unique_ptr<store::Connection>> conn =
      OpenReadOnly(options.data_dir);
  if (!conn.ok()) return Fail(conn.status());

  if (checkpoint.has_value()) {
    absl::StatusOr<uint64_t> size =
        audit::VerifyStoredLog(**conn, *checkpoint, key->get());
    if (!size.ok()) return Failed(size.status());
    std::cout << "OK: the audit log has " << *size
              << " entries and is consistent with the signed checkpoint of "
              << audit::CheckpointOf(*checkpoint)->size << "\n";
  }
  return VerifyAgainstLastSigned(options.data_dir, **conn,
                                 checkpoint.has_value());
}

}  // namespace rosa
