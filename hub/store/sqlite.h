// A thin RAII wrapper over one SQLite connection and its prepared
// statements, returning absl::Status. It knows nothing of the hub's tables.
//
// Thread-safety: a Connection and its Statements belong to one thread at a
// time (SQLite is built serialized, but the hub never shares a connection:
// the writer thread owns the write connection, each reader thread its own).
#ifndef ROSA_HUB_STORE_SQLITE_H_
#define ROSA_HUB_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::store {

class Statement;
class StatementHandle;

// How long a connection waits for a lock another connection holds.
inline constexpr int kBusyTimeoutMs = 5000;

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens `path` (creating it in kReadWrite mode) and sets the pragmas every
  // hub connection needs: WAL journal, synchronous=FULL (an acknowledged
  // commit survives power loss), foreign keys, secure_delete, a busy timeout.
  // `vfs` names a registered SQLite VFS; empty is SQLite's default (tests
  // register fault-injecting ones, see tests/reliability/crash_vfs.h).
  static absl::StatusOr<std::unique_ptr<Connection>> Open(
      const std::filesystem::path& path, Mode mode,
      const std::string& vfs = "");
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows.
  absl::Status Exec(std::string_view sql);
  // Compiles one statement. Statements are cached: preparing the same text
  // again returns the cached one, reset and with its bindings cleared.
  // The handle resets the statement when it goes out of scope, so that no
  // half-read statement keeps a read transaction (and a stale snapshot)
  // open on the connection.
  // REQUIRES: the same SQL text is not in use through another live handle.
  absl::StatusOr<StatementHandle> Prepare(std::string_view sql);

  int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db);
  absl::Status Error(std::string_view what, int rc) const;

  sqlite3* db_;
  struct StatementCache;
  std::unique_ptr<StatementCache> cache_;

  friend class Statement;
};

// One prepared statement. Bind indexes start at 1, column indexes at 0.
class Statement {
 public:
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // Advances: true when a row is ready, false when done.
  absl::StatusOr<bool> Step();
  // Runs a statement that returns no rows.
  absl::Status Run();
  // Clears bindings and rewinds, ready for reuse.
  void Reset();

  int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;
  std::string ColumnBlob(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  friend class Connection;
  Statement(Connection* conn, sqlite3_stmt* stmt);

  Connection* conn_;
  sqlite3_stmt* stmt_;
  // First bind failure, reported by the next Step/Run.
  int bind_error_ = SQLITE_OK;
};

// A read transaction: every query inside sees one snapshot. Does nothing
// when the connection is already inside a transaction (then that one's
// snapshot applies).
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& conn);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  // The outcome of BEGIN; queries must not run if it failed.
  const absl::Status& status() const { return status_; }

 private:
  Connection& conn_;
  bool owns_ = false;
  absl::Status status_;
};

// Scoped use of a cached Statement; resets it on destruction. Move-only.
class StatementHandle {
 public:
  explicit StatementHandle(Statement* stmt) : stmt_(stmt) {}
  StatementHandle(StatementHandle&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)) {}
  StatementHandle& operator=(StatementHandle&&) = delete;
  StatementHandle(const StatementHandle&) = delete;
  ~StatementHandle() {
    if (stmt_ != nullptr) stmt_->Reset();
  }
  Statement* operator->() const { return stmt_; }
  Statement& operator*() const { return *stmt_; }

 private:
  Statement* stmt_;
};

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_SQLITE_H_
