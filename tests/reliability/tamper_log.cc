#include "tests/reliability/tamper_log.h"

#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "hub/audit/log_verifier.h"
#include "hub/audit/merkle.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/common/status_macros.h"
#include "hub/store/database.h"
#include "tests/integration/hub_process.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

constexpr uint64_t kEntriesPerTransaction = 1000;

// A plausible entry: ids and codes only, as the hub writes them.
v1::AuditEntry MakeEntry(std::mt19937_64& rng) {
  static const char* const kActors[] = {"rosa", "ks-oslo", "iom",
                                        "advokat-lund"};
  static const char* const kActions[] = {
      "referral.submit", "referral.transition", "person.register",
      "consent.give",    "consent.withdraw",    "person.read"};
  v1::AuditEntry e;
  e.set_actor(kActors[rng() % std::size(kActors)]);
  e.set_action(kActions[rng() % std::size(kActions)]);
  e.set_object_id(absl::StrCat("R-", rng() % 100000000));
  if (rng() % 2 == 0) e.set_person_id(absl::StrCat("P-", rng() % 100000000));
  return e;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `row` with its entry's index rewritten to `idx` and its hash redone.
audit::StoredAuditRow Reindexed(audit::StoredAuditRow row, uint64_t idx) {
  v1::AuditEntry e;
  if (e.ParseFromString(row.entry)) {
    e.set_index(idx);
    row.entry = audit::SerializeAuditEntry(e);
  }
  row.leaf_hash = audit::LeafHash(row.entry);
  row.idx = static_cast<int64_t>(idx);
  return row;
}

}  // namespace

std::string KindName(Tamper::Kind kind) {
  switch (kind) {
    case Tamper::Kind::kEntryByte:
      return "entry-byte";
    case Tamper::Kind::kHashByte:
      return "hash-byte";
    case Tamper::Kind::kPersonColumn:
      return "person-column";
    case Tamper::Kind::kDelete:
      return "delete";
    case Tamper::Kind::kDeleteShift:
      return "delete-renumber";
    case Tamper::Kind::kSwap:
      return "swap";
    case Tamper::Kind::kTruncate:
      return "truncate";
  }
  return "?";
}

absl::StatusOr<std::unique_ptr<TamperLog>> TamperLog::Make(
    const std::filesystem::path& data_dir, uint64_t entries, uint64_t seed) {
  std::unique_ptr<TamperLog> log(new TamperLog);
  log->data_dir_ = data_dir;
  log->outside_ = data_dir.parent_path() / "outside";
  std::filesystem::create_directories(data_dir);
  std::filesystem::create_directories(log->outside_);
  const std::filesystem::path db_path = data_dir / "rosa-hub.db";
  {
    store::Database::Options options;
    options.path = db_path;
    options.request_hasher = store::RequestHasher::Ephemeral();
    auto db = store::Database::Open(std::move(options));
    if (!db.ok()) return db.status();
  }
  auto keeper = audit::AuditKeeper::Open(data_dir);
  if (!keeper.ok()) return keeper.status();
  log->keeper_ = std::move(*keeper);
  // The verifier's trust anchor: a copy of the public key kept outside.
  std::filesystem::copy_file(audit::AuditKeeper::PublicKeyPath(data_dir),
                             log->outside_ / "audit.pub",
                             std::filesystem::copy_options::overwrite_existing);
  auto pub = audit::LoadPublicKeyFile(log->outside_ / "audit.pub");
  if (!pub.ok()) return pub.status();
  log->public_key_ = std::move(*pub);

  auto conn =
      store::Connection::Open(db_path, store::Connection::Mode::kReadWrite);
  if (!conn.ok()) return conn.status();
  log->conn_ = std::move(*conn);
  store::Connection& c = *log->conn_;
  std::mt19937_64 rng(seed);
  const absl::Time start = absl::FromUnixSeconds(1790000000);
  for (uint64_t i = 0; i < entries; i += kEntriesPerTransaction) {
    if (absl::Status s = c.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    for (uint64_t j = i; j < std::min(entries, i + kEntriesPerTransaction);
         ++j) {
      auto idx = audit::AppendAuditEntry(
          c, MakeEntry(rng), start + absl::Seconds(static_cast<int64_t>(j)));
      if (!idx.ok()) return idx.status();
    }
    if (absl::Status s = c.Exec("COMMIT"); !s.ok()) return s;
  }
  auto rows = audit::ReadStoredAuditRows(c);
  if (!rows.ok()) return rows.status();
  log->rows_ = std::move(*rows);
  auto cp = log->keeper_->SignCheckpoint(c);
  if (!cp.ok()) return cp.status();
  log->checkpoint_ = std::move(*cp);
  // The attacker with file access.
  if (absl::Status s = c.Exec(
          "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
      !s.ok()) {
    return s;
  }
  return log;
}

std::vector<std::string> TamperLog::TamperedEntries(const Tamper& t) const {
  std::vector<std::string> out;
  out.reserve(rows_.size());
  for (const audit::StoredAuditRow& r : rows_) out.push_back(r.entry);
  switch (t.kind) {
    case Tamper::Kind::kEntryByte:
      out[t.a][t.pos] = static_cast<char>(out[t.a][t.pos] ^ t.x);
      break;
    case Tamper::Kind::kHashByte:
    case Tamper::Kind::kPersonColumn:
      break;  // not in the entries
    case Tamper::Kind::kDelete:
    case Tamper::Kind::kDeleteShift:
      out.erase(out.begin() + static_cast<ptrdiff_t>(t.a));
      if (t.rehash) {
        for (uint64_t i = t.a; i < out.size(); ++i) {
          out[i] = Reindexed(rows_[i + 1], i).entry;
        }
      }
      break;
    case Tamper::Kind::kSwap:
      std::swap(out[t.a], out[t.b]);
      if (t.rehash) {
        out[t.a] = Reindexed(rows_[t.b], t.a).entry;
        out[t.b] = Reindexed(rows_[t.a], t.b).entry;
      }
      break;
    case Tamper::Kind::kTruncate:
      out.resize(t.a);
      break;
  }
  return out;
}

absl::Status TamperLog::Put(uint64_t idx, const audit::StoredAuditRow& row) {
  auto stmt = conn_->Prepare(
      "INSERT OR REPLACE INTO audit_log(idx, person_id, leaf_hash, entry)"
      " VALUES (?1, ?2, ?3, ?4)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, static_cast<int64_t>(idx));
  if (row.person_id_null) {
    (*stmt)->BindNull(2);
  } else {
    (*stmt)->Bind(2, row.person_id);
  }
  (*stmt)->BindBlob(3, row.leaf_hash).BindBlob(4, row.entry);
  return (*stmt)->Step().status();
}

absl::Status TamperLog::Apply(const Tamper& t) {
  RETURN_IF_ERROR(conn_->Exec("BEGIN IMMEDIATE"));
  absl::Status s = absl::OkStatus();
  audit::StoredAuditRow row =
      t.a < rows_.size() ? rows_[t.a] : audit::StoredAuditRow();
  switch (t.kind) {
    case Tamper::Kind::kEntryByte:
      row.entry[t.pos] = static_cast<char>(row.entry[t.pos] ^ t.x);
      if (t.rehash) row.leaf_hash = audit::LeafHash(row.entry);
      s = Put(t.a, row);
      break;
    case Tamper::Kind::kHashByte:
      row.leaf_hash[t.pos] = static_cast<char>(row.leaf_hash[t.pos] ^ t.x);
      s = Put(t.a, row);
      break;
    case Tamper::Kind::kPersonColumn:
      if (row.person_id_null) {
        row.person_id_null = false;
        row.person_id = "P-99999999";
      } else {
        row.person_id.back() = row.person_id.back() == '1' ? '2' : '1';
      }
      s = Put(t.a, row);
      break;
    case Tamper::Kind::kDelete:
      s = conn_->Exec(absl::StrCat("DELETE FROM audit_log WHERE idx = ", t.a));
      break;
    case Tamper::Kind::kDeleteShift:
      s = conn_->Exec(absl::StrCat("DELETE FROM audit_log WHERE idx >= ", t.a));
      for (uint64_t i = t.a + 1; s.ok() && i < rows_.size(); ++i) {
        audit::StoredAuditRow moved = rows_[i];
        if (t.rehash) moved = Reindexed(std::move(moved), i - 1);
        s = Put(i - 1, moved);
      }
      break;
    case Tamper::Kind::kSwap:
      s = Put(t.a, t.rehash ? Reindexed(rows_[t.b], t.a) : rows_[t.b]);
      if (s.ok()) {
        s = Put(t.b, t.rehash ? Reindexed(rows_[t.a], t.b) : rows_[t.a]);
      }
      break;
    case Tamper::Kind::kTruncate:
      s = conn_->Exec(absl::StrCat("DELETE FROM audit_log WHERE idx >= ", t.a));
      break;
  }
  if (!s.ok()) {
    conn_->Exec("ROLLBACK").IgnoreError();
    return s;
  }
  return conn_->Exec("COMMIT");
}

absl::Status TamperLog::Restore(const Tamper& t) {
  RETURN_IF_ERROR(conn_->Exec("BEGIN IMMEDIATE"));
  absl::Status s = absl::OkStatus();
  switch (t.kind) {
    case Tamper::Kind::kEntryByte:
    case Tamper::Kind::kHashByte:
    case Tamper::Kind::kPersonColumn:
    case Tamper::Kind::kDelete:
      s = Put(t.a, rows_[t.a]);
      break;
    case Tamper::Kind::kSwap:
      s = Put(t.a, rows_[t.a]);
      if (s.ok()) s = Put(t.b, rows_[t.b]);
      break;
    case Tamper::Kind::kDeleteShift:
    case Tamper::Kind::kTruncate:
      s = conn_->Exec(absl::StrCat("DELETE FROM audit_log WHERE idx >= ", t.a));
      for (uint64_t i = t.a; s.ok() && i < rows_.size(); ++i) {
        s = Put(i, rows_[i]);
      }
      break;
  }
  if (!s.ok()) {
    conn_->Exec("ROLLBACK").IgnoreError();
    return s;
  }
  return conn_->Exec("COMMIT");
}

absl::Status TamperLog::VerifyPure(const std::vector<std::string>& entries,
                                   const v1::SignedCheckpoint& cp) const {
  ASSIGN_OR_RETURN(const audit::Checkpoint checkpoint, audit::CheckpointOf(cp));
  if (checkpoint.origin != audit::kAuditLogOrigin) {
    return absl::FailedPreconditionError("another origin");
  }
  return audit::VerifyLog(entries, checkpoint, cp.signature(),
                          public_key_.get());
}

absl::Status TamperLog::VerifyStored(const v1::SignedCheckpoint& cp) {
  return audit::VerifyStoredLog(*conn_, cp, public_key_.get()).status();
}

absl::Status TamperLog::VerifyCli(const std::string& checkpoint_json,
                                  bool key_in_data_dir) {
  const std::filesystem::path cp_path = outside_ / "checkpoint.json";
  const std::filesystem::path log_path = outside_ / "verify.log";
  {
    std::ofstream out(cp_path, std::ios::binary | std::ios::trunc);
    out << checkpoint_json;
  }
  std::filesystem::remove(log_path);
  std::vector<std::string> args = {"audit",        "verify",
                                   "--data-dir",   data_dir_.string(),
                                   "--checkpoint", cp_path.string()};
  if (!key_in_data_dir) {
    args.push_back("--public-key");
    args.push_back((outside_ / "audit.pub").string());
  }
  absl::Status s = integration::RunHubCommand(args, log_path);
  if (s.ok()) {
    return absl::StrContains(ReadText(log_path), "\nOK: ")
               ? absl::OkStatus()
               : absl::InternalError("exit 0 without OK");
  }
  const std::string out = ReadText(log_path);
  if (absl::StrContains(s.message(), " failed: exit 1") &&
      (absl::StrContains(out, "FAILED: ") ||
       absl::StrContains(out, "rosa-hub: "))) {
    return absl::FailedPreconditionError("refused");
  }
  return absl::InternalError(
      absl::StrCat("rosa-hub audit verify ended "
                   "abnormally: ",
                   s.message()));
}

}  // namespace rosa::reliability
