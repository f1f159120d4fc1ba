// `rosa-hub audit checkpoint` and `rosa-hub audit verify`: the audit log
// from outside the running hub. Both open the database read-only (they may
// run beside a running hub; WAL readers never block its writer).
//
//   rosa-hub audit checkpoint --data-dir var > checkpoint.json
//     prints a signed checkpoint of the log as it is now, in the checkpoint
//     file format (hub/audit/stored_log_verifier.h: the SignedCheckpoint as
//     JSON). Keep the file outside the hub.
//   rosa-hub audit verify --data-dir var [--checkpoint checkpoint.json]
//     verifies every stored entry on its own, the whole stored log against
//     that checkpoint (when given) with the hub's public key
//     (<data-dir>/keys/audit-signing.key.pub, or --public-key FILE for a
//     copy kept elsewhere), and, always, that the log still holds what the
//     hub last signed (<data-dir>/audit-checkpoint.last: its size and root;
//     hub/audit/checkpoint_mark.h), which is local evidence only: someone
//     who can rewrite the data directory can rewrite that too. Prints one
//     "OK: ..." line per check, saying what it checked against, and exits
//     0, or "FAILED: <problem>" and exits 1.
//
// Thread-safety: call once from main.
#ifndef ROSA_HUB_CLI_AUDIT_COMMAND_H_
#define ROSA_HUB_CLI_AUDIT_COMMAND_H_

#include <filesystem>

namespace rosa {

struct AuditCommandOptions {
  std::filesystem::path data_dir = "var";
  // verify: the checkpoint file; empty means none.
  std::filesystem::path checkpoint_file;
  // verify: the hub's public key; empty means the one in data_dir/keys.
  std::filesystem::path public_key_file;
};

// Each returns the process exit code: 0 on success, 1 otherwise.
int RunAuditCheckpoint(const AuditCommandOptions& options);
int RunAuditVerify(const AuditCommandOptions& options);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_AUDIT_COMMAND_H_
