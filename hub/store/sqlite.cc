#include "hub/store/sqlite.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace rosa::store {

struct Connection::StatementCache {
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> by_sql;
};

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const std::filesystem::path& path, Mode mode, const std::string& vfs) {
  sqlite3* db = nullptr;
  const int flags =
      (mode == Mode::kReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                : SQLITE_OPEN_READONLY) |
      SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags,
                                 vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::UnavailableError(
        absl::StrCat("store: cannot open database: ", msg));
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // journal_mode=WAL persists in the file; a read-only connection cannot
  // set it, so only the writer does.
  if (mode == Mode::kReadWrite) {
    auto st = conn->Exec("PRAGMA journal_mode=WAL");
    if (!st.ok()) return st;
    // A page cache large enough for the biggest write operation (a 1 MiB
    // partner payload), so that SQLite need not spill dirty pages to the
    // WAL in the middle of a transaction while the writer holds everyone.
    st = conn->Exec("PRAGMA cache_size=-65536");
    if (!st.ok()) return st;
    // Every write operation runs in a savepoint of the batch transaction
    // (group_commit_writer.h); SQLite keeps the pages a savepoint would
    // roll back in a statement journal, a temporary file by default. In
    // memory it costs no pwrite per operation. Durability is untouched:
    // that journal only serves ROLLBACK TO inside the open transaction;
    // commits still go through the WAL with synchronous=FULL.
    st = conn->Exec("PRAGMA temp_store=MEMORY");
    if (!st.ok()) return st;
  }
  auto st = conn->Exec(
      "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      " PRAGMA secure_delete=ON; PRAGMA trusted_schema=OFF;");
  if (!st.ok()) return st;
  return conn;
}

Connection::Connection(sqlite3* db)
    : db_(db), cache_(std::make_unique<StatementCache>()) {}

Connection::~Connection() {
  cache_.reset();  // Statements must be finalized before the close.
  sqlite3_close_v2(db_);
}

absl::Status Connection::Error(std::string_view what, int rc) const {
  // SQLite's messages name tables and constraints, never bound values, so
  // they are safe to pass on; they still go only to the log, not to clients.
  std::string msg = absl::StrCat("store: ", std::string(what), ": ",
                                 std::string(sqlite3_errmsg(db_)), " (",
                                 std::string(sqlite3_errstr(rc)), ")");
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED ||
      primary == SQLITE_IOERR || primary == SQLITE_FULL ||
      primary == SQLITE_CANTOPEN) {
    return absl::UnavailableError(msg);
  }
  return absl::InternalError(msg);
}

absl::Status Connection::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return Error("exec", rc);
  return absl::OkStatus();
}

absl::StatusOr<StatementHandle> Connection::Prepare(std::string_view sql) {
  auto it = cache_->by_sql.find(sql);
  if (it != cache_->by_sql.end()) {
    it->second->Reset();
    return StatementHandle(it->second.get());
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error("prepare", rc);
  auto owned = std::unique_ptr<Statement>(new Statement(this, stmt));
  Statement* raw = owned.get();
  cache_->by_sql.emplace(std::string(sql), std::move(owned));
  return StatementHandle(raw);
}

int64_t Connection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const { return sqlite3_changes(db_); }

ReadTransaction::ReadTransaction(Connection& conn) : conn_(conn) {
  if (sqlite3_get_autocommit(conn.raw()) == 0) return;
  status_ = conn.Exec("BEGIN");
  owns_ = status_.ok();
}

ReadTransaction::~ReadTransaction() {
  if (owns_) conn_.Exec("COMMIT").IgnoreError();
}

Statement::Statement(Connection* conn, sqlite3_stmt* stmt)
    : conn_(conn), stmt_(stmt) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(),
                                     SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(),
                                     SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) return conn_->Error("bind", bind_error_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return conn_->Error("step", rc);
}

absl::Status Statement::Run() {
  auto row = Step();
  if (!row.ok()) return row.status();
  return absl::OkStatus();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

int64_t Statement::ColumnInt(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::string Statement::ColumnText(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), n) : std::string();
}

std::string Statement::ColumnBlob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), n) : std::string();
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

}  // namespace rosa::store
