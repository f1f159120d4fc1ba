#include "hub/cli/audit_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "hub/audit/audit_keeper.h"
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
  absl::StatusOr<std::string> json =
      ReadSmallFile(options.checkpoint_file, kMaxCheckpointFileSize);
  if (!json.ok()) return Fail(json.status());
  absl::StatusOr<v1::SignedCheckpoint> checkpoint =
      audit::CheckpointFromJson(*json);
  if (!checkpoint.ok()) return Fail(checkpoint.status());
  absl::StatusOr<std::unique_ptr<store::Connection>> conn =
      OpenReadOnly(options.data_dir);
  if (!conn.ok()) return Fail(conn.status());

  absl::StatusOr<uint64_t> size =
      audit::VerifyStoredLog(**conn, *checkpoint, key->get());
  if (size.ok()) {
    std::cout << "OK: the audit log has " << *size
              << " entries and is consistent with the signed checkpoint of "
              << audit::CheckpointOf(*checkpoint)->size << "\n";
    return 0;
  }
  if (!audit::IsVerificationProblem(size.status())) return Fail(size.status());
  std::cout << "FAILED: " << size.status().message() << "\n";
  return 1;
}

}  // namespace rosa
