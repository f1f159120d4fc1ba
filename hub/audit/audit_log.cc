// The audit_log table: one row per entry, idx is the entry's position (and
// the table's rowid), entry the deterministic serialization of the
// AuditEntry, leaf_hash its RFC 6962 leaf hash, person_id a copy of the
// entry's person for the per-person extract. Triggers (schema migration 2)
// refuse UPDATE and DELETE.
//
// Thread-safety: see audit_log.h; the module has no shared state.
#include "hub/audit/audit_log.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "hub/audit/merkle.h"
#include "hub/common/status_macros.h"
#include "hub/partner/partner.h"

namespace rosa::audit {
namespace {

namespace v1 = rosa::hub::v1;

constexpr size_t kMaxActionChars = 48;
constexpr size_t kMaxIdChars = 64;
constexpr size_t kMaxActorPersonChars = 32;

bool IsActionChar(char c) {
  return absl::ascii_islower(static_cast<unsigned char>(c)) || c == '_' ||
         c == '.';
}

bool IsActorPersonChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return absl::ascii_islower(u) || absl::ascii_isdigit(u) || c == '.' ||
         c == '_' || c == '-';
}

bool IsIdChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return absl::ascii_isalnum(u) || c == '.' || c == '_' || c == ':' || c == '-';
}

absl::Status CheckToken(const char* field, const std::string& value,
                        size_t min_chars, size_t max_chars,
                        bool (*allowed)(char), const char* rule) {
  if (value.size() < min_chars || value.size() > max_chars ||
      !std::all_of(value.begin(), value.end(), allowed)) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit entry ", field, ": must be ", rule));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::AuditEntry> ParseEntry(int64_t idx,
                                          const std::string& bytes) {
  v1::AuditEntry entry;
  if (!entry.ParseFromString(bytes)) {
    return absl::DataLossError(
        absl::StrCat("audit entry ", idx, " does not parse"));
  }
  return entry;
}

// Entries of a prepared query whose column 0 is idx and column 1 entry.
absl::StatusOr<std::vector<v1::AuditEntry>> CollectEntries(
    store::Statement& stmt) {
  std::vector<v1::AuditEntry> entries;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(v1::AuditEntry entry,
                     ParseEntry(stmt.ColumnInt(0), stmt.ColumnBlob(1)));
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

absl::Status ValidateAuditEntry(const v1::AuditEntry& entry) {
  if (!IsValidPartnerId(entry.actor())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "audit entry actor: must be a partner id (", kNameRule, ")"));
  }
  RETURN_IF_ERROR(CheckToken("action", entry.action(), 1, kMaxActionChars,
                             IsActionChar,
                             "an action token (a-z, '_', '.', 1 to 48)"));
  RETURN_IF_ERROR(CheckToken("object_id", entry.object_id(), 0, kMaxIdChars,
                             IsIdChar,
                             "a pseudonymous id (A-Z, a-z, 0-9, '.', '_', "
                             "':', '-', at most 64)"));
  RETURN_IF_ERROR(CheckToken("person_id", entry.person_id(), 0, kMaxIdChars,
                             IsIdChar,
                             "a pseudonymous id (A-Z, a-z, 0-9, '.', '_', "
                             "':', '-', at most 64)"));
  RETURN_IF_ERROR(CheckToken("actor_person", entry.actor_person(), 0,
                             kMaxActorPersonChars, IsActorPersonChar,
                             "a console user name (a-z, 0-9, '.', '_', '-', "
                             "at most 32)"));
  if (entry.action().front() == '.' || entry.action().back() == '.') {
    return absl::InvalidArgumentError(
        "audit entry action: must not start or end with '.'");
  }
  if (!v1::ConsentPurpose_IsValid(entry.purpose())) {
    return absl::InvalidArgumentError("audit entry purpose: unknown value");
  }
  if (!entry.GetReflection()->GetUnknownFields(entry).empty() ||
      !entry.at().GetReflection()->GetUnknownFields(entry.at()).empty()) {
    return absl::InvalidArgumentError("audit entry: unknown fields");
  }
  return absl::OkStatus();
}

bool IsValidActorPerson(std::string_view name) {
  return !name.empty() && name.size() <= kMaxActorPersonChars &&
         std::all_of(name.begin(), name.end(), IsActorPersonChar);
}

std::string SerializeAuditEntry(const v1::AuditEntry& entry) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    entry.SerializePartialToCodedStream(&coded);
  }
  return out;
}

absl::StatusOr<uint64_t> AppendAuditEntry(store::Connection& conn,
                                          v1::AuditEntry entry,
                                          absl::Time now) {
  RETURN_IF_ERROR(ValidateAuditEntry(entry));
  ASSIGN_OR_RETURN(const uint64_t index, AuditLogSize(conn));
  entry.set_index(index);
  *entry.mutable_at() = ToProtoTime(now);
  const std::string bytes = SerializeAuditEntry(entry);
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT INTO audit_log (idx, person_id, leaf_hash, entry) "
                   "VALUES (?, ?, ?, ?)"));
  stmt->Bind(1, static_cast<int64_t>(index));
  if (entry.person_id().empty()) {
    stmt->BindNull(2);
  } else {
    stmt->Bind(2, entry.person_id());
  }
  stmt->BindBlob(3, LeafHash(bytes));
  stmt->BindBlob(4, bytes);
  RETURN_IF_ERROR(stmt->Run());
  return index;
}

absl::StatusOr<uint64_t> AuditLogSize(store::Connection& conn) {
  // MAX of the rowid is one seek to the end of the table's b-tree.
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT MAX(idx) FROM audit_log"));
  ASSIGN_OR_RETURN(const bool row, stmt->Step());
  if (!row || stmt->ColumnIsNull(0)) return 0;
  const int64_t last = stmt->ColumnInt(0);
  if (last < 0) return absl::DataLossError("audit log has a negative index");
  return static_cast<uint64_t>(last) + 1;
}

absl::StatusOr<std::vector<std::string>> AuditLeafHashes(
    store::Connection& conn, uint64_t size) {
  // Never trust `size` for an allocation: it may come from a request.
  ASSIGN_OR_RETURN(const uint64_t stored, AuditLogSize(conn));
  if (size > stored) {
    return absl::OutOfRangeError(
        absl::StrCat("the audit log has ", stored, " entries, not ", size));
  }
  std::vector<std::string> hashes;
  hashes.reserve(size);
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT idx, leaf_hash FROM audit_log "
                                "WHERE idx >= 0 AND idx < ? ORDER BY idx"));
  stmt->Bind(1, static_cast<int64_t>(size));
  while (true) {
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    const int64_t idx = stmt->ColumnInt(0);
    if (static_cast<uint64_t>(idx) != hashes.size()) {
      return absl::DataLossError(
          absl::StrCat("audit entry ", hashes.size(), " is missing"));
    }
    std::string hash = stmt->ColumnBlob(1);
    if (hash.size() != kHashSize) {
      return absl::DataLossError(
          absl::StrCat("audit entry ", idx, " has a malformed leaf hash"));
    }
    hashes.push_back(std::move(hash));
  }
  if (hashes.size() < size) {
    return absl::OutOfRangeError(absl::StrCat(
        "the audit log has ", hashes.size(), " entries, not ", size));
  }
  return hashes;
}

absl::StatusOr<std::vector<v1::AuditEntry>> ReadAuditEntries(
    store::Connection& conn, uint64_t start, int count) {
  if (count <= 0) return std::vector<v1::AuditEntry>();
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT idx, entry FROM audit_log "
                                "WHERE idx >= ? ORDER BY idx LIMIT ?"));
  stmt->Bind(
      1, static_cast<int64_t>(std::min<uint64_t>(start, uint64_t{INT64_MAX})));
  stmt->Bind(2, static_cast<int64_t>(count));
  return CollectEntries(*stmt);
}

absl::StatusOr<std::vector<v1::AuditEntry>> AuditEntriesForPerson(
    store::Connection& conn, const std::string& person_id) {
  if (person_id.empty()) return std::vector<v1::AuditEntry>();
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT idx, entry FROM audit_log "
                                           "WHERE person_id = ? ORDER BY idx"));
  stmt->Bind(1, person_id);
  return CollectEntries(*stmt);
}

absl::StatusOr<std::vector<StoredAuditRow>> ReadStoredAuditRows(
    store::Connection& conn) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT idx, person_id, leaf_hash, entry "
                                "FROM audit_log ORDER BY idx"));
  std::vector<StoredAuditRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    StoredAuditRow& r = rows.emplace_back();
    r.idx = stmt->ColumnInt(0);
    r.person_id_null = stmt->ColumnIsNull(1);
    if (!r.person_id_null) r.person_id = stmt->ColumnText(1);
    r.leaf_hash = stmt->ColumnBlob(2);
    r.entry = stmt->ColumnBlob(3);
  }
  return rows;
}

}  // namespace rosa::audit
