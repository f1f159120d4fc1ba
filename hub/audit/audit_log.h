// The stored audit log: entries appended in the same transaction as the
// change they record (so if the entry cannot be written, the change does not
// happen), with their RFC 6962 leaf hashes. Entries are pseudonymous: ids
// and codes only, never an identifying value.
// Thread-safety: functions take the calling thread's connection; appends run
// on the store's writer thread.
#ifndef ROSA_HUB_AUDIT_AUDIT_LOG_H_
#define ROSA_HUB_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::audit {

// Sets entry.index and entry.at, appends it, and returns the index.
// INVALID_ARGUMENT if the entry fails ValidateAuditEntry (then nothing is
// written, and the caller's transaction should fail with it).
// O(log n): the next index is the row after the last; no tree is rebuilt.
// REQUIRES: inside a write transaction.
absl::StatusOr<uint64_t> AppendAuditEntry(store::Connection& conn,
                                          rosa::hub::v1::AuditEntry entry,
                                          absl::Time now);

// OK iff the entry holds only what an audit entry may hold: a partner id
// as actor (IsValidPartnerId), an optional console user name as
// actor_person (IsValidActorPerson), an action token ([a-z_.], 1-48, such as
// "referral.submit"), short pseudonymous ids as object_id and person_id
// ([A-Za-z0-9._:-], at most 64, may be empty), a known purpose, and no
// unknown fields. index and at are not checked (AppendAuditEntry sets them).
// Messages name the field, never its value.
absl::Status ValidateAuditEntry(const rosa::hub::v1::AuditEntry& entry);

// True for a name an entry may carry as actor_person, which is also what a
// web-console user may be called within its partner (hub/users): a-z,
// 0-9, '.', '_', '-', 1 to 32 characters.
bool IsValidActorPerson(std::string_view name);

// The bytes stored for an entry (and hashed into its leaf): the
// deterministic protobuf serialization.
std::string SerializeAuditEntry(const rosa::hub::v1::AuditEntry& entry);

// One row of the audit_log table as stored, for verification.
struct StoredAuditRow {
  int64_t idx = 0;
  // Empty when the column is NULL.
  std::string person_id;
  bool person_id_null = true;
  std::string leaf_hash;
  // The raw entry bytes.
  std::string entry;
};

// Every row, in idx order, unchecked.
absl::StatusOr<std::vector<StoredAuditRow>> ReadStoredAuditRows(
    store::Connection& conn);

// Number of entries.
absl::StatusOr<uint64_t> AuditLogSize(store::Connection& conn);

// Leaf hashes of the first `size` entries (as stored). OUT_OF_RANGE if the
// log is shorter; DATA_LOSS if an index is missing or a hash malformed.
absl::StatusOr<std::vector<std::string>> AuditLeafHashes(
    store::Connection& conn, uint64_t size);

// Up to `count` entries from `start`, in order.
absl::StatusOr<std::vector<rosa::hub::v1::AuditEntry>> ReadAuditEntries(
    store::Connection& conn, uint64_t start, int count);

// Every entry about `person_id`, in order.
absl::StatusOr<std::vector<rosa::hub::v1::AuditEntry>> AuditEntriesForPerson(
    store::Connection& conn, const std::string& person_id);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_AUDIT_LOG_H_
