// TamperLog: a real hub database in a data directory holding an audit log
// of N entries and a checkpoint signed by the hub's key over all of them,
// with the table's append-only triggers dropped (the attacker with file
// access), for the tampering campaign. Each Tamper is applied to the
// table, checked by the three verifiers (VerifyLog over the raw entries,
// VerifyStoredLog over the table, and `rosa-hub audit verify` as a
// process on the data directory), and undone.
//
// Thread-safety: one thread.
#ifndef ROSA_TESTS_RELIABILITY_TAMPER_LOG_H_
#define ROSA_TESTS_RELIABILITY_TAMPER_LOG_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/audit_log.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::reliability {

// One change an attacker makes to the stored log.
struct Tamper {
  enum class Kind {
    kEntryByte,     // entry[a] byte `pos` ^= `x` (leaf hash kept or redone)
    kHashByte,      // leaf_hash[a] byte `pos` ^= `x`
    kPersonColumn,  // the person column of row a changed
    kDelete,        // row a deleted (a gap)
    kDeleteShift,   // row a deleted, the rows after it renumbered down
    kSwap,          // rows a and b exchange contents (indexes redone if
                    // `rehash`: each entry rewritten to its new position)
    kTruncate,      // rows a.. deleted
  };
  Kind kind = Kind::kEntryByte;
  uint64_t a = 0;
  uint64_t b = 0;
  size_t pos = 0;
  uint8_t x = 1;
  // The attacker also recomputes the leaf hashes (and, for kSwap, the
  // index inside each entry) so that every row agrees with itself.
  bool rehash = false;
};

// A short label for reports ("entry-byte", ...).
std::string KindName(Tamper::Kind kind);

class TamperLog {
 public:
  // Creates `data_dir` with the hub's schema, keys and `entries` audit
  // entries, signs a checkpoint over all of them and drops the triggers.
  static absl::StatusOr<std::unique_ptr<TamperLog>> Make(
      const std::filesystem::path& data_dir, uint64_t entries, uint64_t seed);

  const std::vector<audit::StoredAuditRow>& rows() const { return rows_; }
  const rosa::hub::v1::SignedCheckpoint& checkpoint() const {
    return checkpoint_;
  }
  const audit::AuditKeeper& keeper() const { return *keeper_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

  // The raw entries with `t` applied, as VerifyLog sees them.
  std::vector<std::string> TamperedEntries(const Tamper& t) const;

  // Changes the table as `t` says / restores it to the original rows.
  absl::Status Apply(const Tamper& t);
  absl::Status Restore(const Tamper& t);

  // The three verifiers: OK means "no alteration found".
  // VerifyLog (CheckpointOf, origin, signature, size and root) over
  // `entries` with the hub's public key.
  absl::Status VerifyPure(const std::vector<std::string>& entries,
                          const rosa::hub::v1::SignedCheckpoint& cp) const;
  // VerifyStoredLog over the table as it is now.
  absl::Status VerifyStored(const rosa::hub::v1::SignedCheckpoint& cp);
  // `rosa-hub audit verify` on the data directory, with `checkpoint_json`
  // as the checkpoint file and a copy of the public key kept outside.
  // OK if it printed OK and exited 0; FAILED_PRECONDITION if it refused
  // (exit 1 with "FAILED:" or a refusal of the file); INTERNAL for any
  // other end (a crash, a timeout). With `key_in_data_dir` the CLI uses
  // the key beside the database (no --public-key), as it does by default.
  absl::Status VerifyCli(const std::string& checkpoint_json,
                         bool key_in_data_dir = false);

 private:
  TamperLog() = default;
  absl::Status Put(uint64_t idx, const audit::StoredAuditRow& row);

  std::filesystem::path data_dir_;
  std::filesystem::path outside_;
  std::unique_ptr<audit::AuditKeeper> keeper_;
  audit::KeyPtr public_key_;
  std::unique_ptr<store::Connection> conn_;
  std::vector<audit::StoredAuditRow> rows_;
  rosa::hub::v1::SignedCheckpoint checkpoint_;
};

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_TAMPER_LOG_H_
