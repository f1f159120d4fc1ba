#include "hub/consent/exchange_files.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/consent/consent_book.h"

namespace rosa {
namespace {

constexpr char kColumns[] =
    "partner_id, cursor, person_id, object_id, written_us, removal";

ExchangeFile FromRow(const store::Statement& stmt) {
  ExchangeFile f;
  f.partner_id = stmt.ColumnText(0);
  f.cursor = static_cast<uint64_t>(stmt.ColumnInt(1));
  f.person_id = stmt.ColumnText(2);
  f.object_id = stmt.ColumnText(3);
  f.written_at = absl::FromUnixMicros(stmt.ColumnInt(4));
  f.doomed = stmt.ColumnInt(5) != 0;
  return f;
}

absl::StatusOr<std::vector<ExchangeFile>> Select(store::Statement& stmt) {
  std::vector<ExchangeFile> files;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    files.push_back(FromRow(stmt));
  }
  return files;
}

absl::Status MarkDoomed(store::Connection& conn,
                        const std::vector<ExchangeFile>& files) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("UPDATE exchange_files SET removal = 1"
                                " WHERE partner_id = ?1 AND cursor = ?2"));
  for (const ExchangeFile& f : files) {
    stmt->Reset();
    stmt->Bind(1, f.partner_id).Bind(2, static_cast<int64_t>(f.cursor));
    RETURN_IF_ERROR(stmt->Run());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> ExchangeFiles::Record(store::Connection& conn,
                                           const ExchangeFile& file) {
  // Erased: no longer registered, and nothing of the object sealed but
  // under a person's key (erasure removed those). A reference to a person
  // never registered has its object's text under the object's own key.
  bool erased = false;
  {
    ASSIGN_OR_RETURN(
        auto gone,
        conn.Prepare("SELECT NOT EXISTS (SELECT 1 FROM persons WHERE id = ?1)"
                     " AND NOT EXISTS (SELECT 1 FROM sealed_texts"
                     " WHERE object_id = ?2 AND person_id IS NULL)"));
    gone->Bind(1, file.person_id).Bind(2, file.object_id);
    ASSIGN_OR_RETURN(bool row, gone->Step());
    erased = row && gone->ColumnInt(0) != 0;
  }
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT INTO exchange_files(partner_id, cursor, person_id,"
                   " object_id, written_us, removal) VALUES (?1, ?2, ?3, ?4,"
                   " ?5, ?6) ON CONFLICT(partner_id, cursor) DO UPDATE SET"
                   " person_id = excluded.person_id,"
                   " object_id = excluded.object_id,"
                   " written_us = excluded.written_us,"
                   " removal = max(removal, excluded.removal)"));
  stmt->Bind(1, file.partner_id)
      .Bind(2, static_cast<int64_t>(file.cursor))
      .Bind(3, file.person_id)
      .Bind(4, file.object_id)
      .Bind(5, ToUnixMicrosStored(file.written_at))
      .Bind(6, static_cast<int64_t>(erased ? 1 : 0));
  RETURN_IF_ERROR(stmt->Run());
  return erased;
}

absl::StatusOr<std::vector<ExchangeFile>> ExchangeFiles::List(
    store::Connection& conn) {
  ASSIGN_OR_RETURN(
      auto stmt, conn.Prepare(absl::StrCat("SELECT ", kColumns,
                                           " FROM exchange_files ORDER BY"
                                           " written_us, partner_id, cursor")));
  return Select(*stmt);
}

absl::Status ExchangeFiles::Forget(store::Connection& conn,
                                   const std::vector<ExchangeFile>& files) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("DELETE FROM exchange_files"
                                " WHERE partner_id = ?1 AND cursor = ?2"));
  for (const ExchangeFile& f : files) {
    stmt->Reset();
    stmt->Bind(1, f.partner_id).Bind(2, static_cast<int64_t>(f.cursor));
    RETURN_IF_ERROR(stmt->Run());
  }
  return absl::OkStatus();
}

absl::Status ExchangeFiles::DoomForPerson(store::WriteTxn& txn,
                                          const std::string& person_id) {
  ASSIGN_OR_RETURN(
      auto stmt,
      txn.conn().Prepare(absl::StrCat(
          "SELECT ", kColumns, " FROM exchange_files WHERE person_id = ?1")));
  stmt->Bind(1, person_id);
  ASSIGN_OR_RETURN(std::vector<ExchangeFile> files, Select(*stmt));
  RETURN_IF_ERROR(MarkDoomed(txn.conn(), files));
  HandOver(txn, std::move(files));
  return absl::OkStatus();
}

absl::Status ExchangeFiles::DoomForConsent(store::WriteTxn& txn,
                                           const std::string& consent_id) {
  ASSIGN_OR_RETURN(auto disclosures,
                   DisclosuresUnderConsent(txn.conn(), consent_id));
  ASSIGN_OR_RETURN(auto stmt, txn.conn().Prepare(absl::StrCat(
                                  "SELECT ", kColumns,
                                  " FROM exchange_files WHERE partner_id = ?1"
                                  " AND object_id = ?2")));
  std::vector<ExchangeFile> files;
  for (const auto& [partner, object_ids] : disclosures) {
    for (const std::string& object_id : object_ids) {
      stmt->Reset();
      stmt->Bind(1, partner).Bind(2, object_id);
      ASSIGN_OR_RETURN(std::vector<ExchangeFile> some, Select(*stmt));
      files.insert(files.end(), some.begin(), some.end());
    }
  }
  RETURN_IF_ERROR(MarkDoomed(txn.conn(), files));
  HandOver(txn, std::move(files));
  return absl::OkStatus();
}

void ExchangeFiles::HandOver(store::WriteTxn& txn,
                             std::vector<ExchangeFile> files) {
  if (files.empty()) return;
  for (ExchangeFile& f : files) f.doomed = true;
  txn.OnCommit([this, files = std::move(files)] {
    absl::MutexLock lock(&mu_);
    if (remover_ != nullptr) remover_->RemoveExchangeFiles(files);
  });
}

void ExchangeFiles::SetRemover(ExchangeFileRemover* remover) {
  absl::MutexLock lock(&mu_);
  remover_ = remover;
}

}  // namespace rosa
