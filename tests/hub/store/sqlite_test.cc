#include "hub/store/sqlite.h"

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<Connection> OpenOrDie(const std::filesystem::path& path,
                                      Connection::Mode mode) {
  auto conn = Connection::Open(path, mode);
  EXPECT_TRUE(conn.ok()) << conn.status();
  return conn.ok() ? std::move(*conn) : nullptr;
}

// The first column of the first row of `sql` as an integer.
int64_t QueryInt(Connection& conn, const std::string& sql) {
  auto stmt = conn.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  if (!stmt.ok()) return -1;
  auto row = (*stmt)->Step();
  EXPECT_TRUE(row.ok()) << row.status();
  EXPECT_TRUE(row.ok() && *row) << sql << " returned no row";
  if (!row.ok() || !*row) return -1;
  return (*stmt)->ColumnInt(0);
}

std::string QueryText(Connection& conn, const std::string& sql) {
  auto stmt = conn.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  if (!stmt.ok()) return "";
  auto row = (*stmt)->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  if (!row.ok() || !*row) return "";
  return (*stmt)->ColumnText(0);
}

class SqliteTest : public ::testing::Test {
 protected:
  std::filesystem::path DbPath() const { return dir_.File("hub.db"); }

  rosa::testutil::TempDir dir_;
};

TEST_F(SqliteTest, ReadWriteConnectionHasDurablePragmas) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(QueryText(*conn, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(*conn, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(QueryInt(*conn, "PRAGMA secure_delete"), 1);
  EXPECT_EQ(QueryInt(*conn, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(*conn, "PRAGMA trusted_schema"), 0);
  EXPECT_TRUE(std::filesystem::exists(DbPath()));
}

TEST_F(SqliteTest, ReadOnlyConnectionSeesWalAndCannotWrite) {
  auto rw = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(rw, nullptr);
  ASSERT_TRUE(rw->Exec("CREATE TABLE t(x INTEGER)").ok());
  auto ro = OpenOrDie(DbPath(), Connection::Mode::kReadOnly);
  ASSERT_NE(ro, nullptr);
  EXPECT_EQ(QueryText(*ro, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(*ro, "PRAGMA synchronous"), 2);
  EXPECT_EQ(QueryInt(*ro, "PRAGMA foreign_keys"), 1);
  EXPECT_FALSE(ro->Exec("INSERT INTO t VALUES (1)").ok());
}

TEST_F(SqliteTest, OpenFailuresAreStatuses) {
  auto missing_dir = Connection::Open(dir_.File("no/such/dir/hub.db"),
                                      Connection::Mode::kReadWrite);
  EXPECT_EQ(missing_dir.status().code(), absl::StatusCode::kUnavailable);
  // Read-only never creates the file.
  auto missing_file =
      Connection::Open(dir_.File("absent.db"), Connection::Mode::kReadOnly);
  EXPECT_FALSE(missing_file.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.File("absent.db")));
}

TEST_F(SqliteTest, ExecBindStepAndColumns) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);
  ASSERT_TRUE(
      conn->Exec("CREATE TABLE t(i INTEGER, s TEXT, b BLOB, n TEXT)").ok());
  {
    auto insert = conn->Prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
    ASSERT_TRUE(insert.ok()) << insert.status();
    const std::string blob("a\0b", 3);
    (*insert)
        ->Bind(1, int64_t{-7000000000})
        .Bind(2, "tekst æøå")
        .BindBlob(3, blob)
        .BindNull(4);
    ASSERT_TRUE((*insert)->Run().ok());
    EXPECT_EQ(conn->changes(), 1);
    EXPECT_EQ(conn->last_insert_rowid(), 1);
  }
  auto select = conn->Prepare("SELECT i, s, b, n FROM t");
  ASSERT_TRUE(select.ok());
  auto row = (*select)->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((*select)->ColumnInt(0), -7000000000);
  EXPECT_EQ((*select)->ColumnText(1), "tekst æøå");
  EXPECT_EQ((*select)->ColumnBlob(2), std::string("a\0b", 3));
  EXPECT_TRUE((*select)->ColumnIsNull(3));
  EXPECT_FALSE((*select)->ColumnIsNull(0));
  row = (*select)->Step();
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(*row);
}

TEST_F(SqliteTest, PrepareReusesCachedStatementResetAndUnbound) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);
  constexpr char kSql[] = "SELECT ?1 IS NULL, ?1";
  Statement* first = nullptr;
  {
    auto stmt = conn->Prepare(kSql);
    ASSERT_TRUE(stmt.ok());
    first = &**stmt;
    (*stmt)->Bind(1, int64_t{42});
    auto row = (*stmt)->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ((*stmt)->ColumnInt(1), 42);
  }
  {
    auto again = conn->Prepare(kSql);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(&**again, first) << "the same SQL text must hit the cache";
    // The cached statement comes back rewound with its bindings cleared.
    auto row = (*again)->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ((*again)->ColumnInt(0), 1);
  }
  auto other = conn->Prepare("SELECT 1");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(&**other, first);
}

TEST_F(SqliteTest, MovedHandleKeepsPositionAndResetsOnce) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);
  ASSERT_TRUE(conn->Exec("CREATE TABLE t(x INTEGER);"
                         "INSERT INTO t VALUES (1), (2), (3);")
                  .ok());
  constexpr char kSql[] = "SELECT x FROM t ORDER BY x";
  {
    std::optional<StatementHandle> moved;
    {
      auto stmt = conn->Prepare(kSql);
      ASSERT_TRUE(stmt.ok());
      ASSERT_TRUE(*(*stmt)->Step());
      moved.emplace(std::move(*stmt));
    }  // The moved-from handle must not reset the statement.
    auto row = (*moved)->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ((*moved)->ColumnInt(0), 2);
  }
  // Left mid-result, then prepared again: it restarts from the first row.
  auto again = conn->Prepare(kSql);
  ASSERT_TRUE(again.ok());
  auto row = (*again)->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((*again)->ColumnInt(0), 1);
}

// A half-read statement keeps a read transaction (and so an old snapshot)
// open on its connection. The handle must reset it when it goes away, so
// that the connection's next read sees what other connections committed.
TEST_F(SqliteTest, HandleDestroyedMidResultDoesNotKeepStaleSnapshot) {
  auto writer = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer
                  ->Exec("CREATE TABLE t(x INTEGER);"
                         "INSERT INTO t VALUES (1), (2), (3);")
                  .ok());
  auto reader = OpenOrDie(DbPath(), Connection::Mode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  {
    auto scan = reader->Prepare("SELECT x FROM t");
    ASSERT_TRUE(scan.ok());
    auto row = (*scan)->Step();
    ASSERT_TRUE(row.ok() && *row);  // Stopped after the first of three rows.
    ASSERT_TRUE(writer->Exec("INSERT INTO t VALUES (4)").ok());
    // Control: while the scan is live, the reader is pinned to the old
    // snapshot; this is what the handle's reset must end.
    EXPECT_EQ(QueryInt(*reader, "SELECT count(*) FROM t"), 3);
  }
  ASSERT_TRUE(writer->Exec("INSERT INTO t VALUES (5)").ok());
  EXPECT_EQ(QueryInt(*reader, "SELECT count(*) FROM t"), 5);
  EXPECT_EQ(sqlite3_get_autocommit(reader->raw()), 1);
}

TEST_F(SqliteTest, ErrorsAreStatusesNotCrashes) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);

  auto bad = conn->Prepare("SELEKT nonsense FROM nowhere");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("prepare"));

  EXPECT_FALSE(conn->Exec("CREATE TABLE").ok());
  EXPECT_FALSE(conn->Prepare("SELECT * FROM missing_table").ok());

  ASSERT_TRUE(
      conn->Exec("CREATE TABLE t(x INTEGER PRIMARY KEY, y TEXT NOT NULL)")
          .ok());
  auto insert = conn->Prepare("INSERT INTO t VALUES (?1, ?2)");
  ASSERT_TRUE(insert.ok());
  (*insert)->Bind(1, int64_t{1}).Bind(2, "a");
  ASSERT_TRUE((*insert)->Run().ok());
  (*insert)->Reset();
  (*insert)->Bind(1, int64_t{1}).Bind(2, "b");
  absl::Status dup = (*insert)->Run();
  EXPECT_EQ(dup.code(), absl::StatusCode::kInternal) << dup;
  (*insert)->Reset();
  (*insert)->Bind(1, int64_t{2});  // ?2 left NULL.
  EXPECT_FALSE((*insert)->Run().ok());

  // A bind to a parameter that does not exist is reported by the next step.
  (*insert)->Reset();
  (*insert)->Bind(1, int64_t{3}).Bind(2, "c").Bind(9, int64_t{0});
  absl::Status range = (*insert)->Run();
  EXPECT_FALSE(range.ok());
  EXPECT_THAT(std::string(range.message()), HasSubstr("bind"));
  // Reset clears the bind error; the statement works again.
  (*insert)->Reset();
  (*insert)->Bind(1, int64_t{3}).Bind(2, "c");
  EXPECT_TRUE((*insert)->Run().ok());
  EXPECT_EQ(QueryInt(*conn, "SELECT count(*) FROM t"), 2);
}

class SchemaTest : public SqliteTest {};

TEST_F(SchemaTest, ApplySchemaIsIdempotentAndSetsUserVersion) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(QueryInt(*conn, "PRAGMA user_version"), 0);
  ASSERT_TRUE(ApplySchema(*conn).ok());
  EXPECT_GE(CurrentSchemaVersion(), 1);
  EXPECT_EQ(QueryInt(*conn, "PRAGMA user_version"), CurrentSchemaVersion());
  for (const char* table :
       {"referrals", "id_counters", "idempotency", "events", "event_streams"}) {
    EXPECT_EQ(
        QueryInt(*conn, std::string("SELECT count(*) FROM sqlite_schema"
                                    " WHERE type = 'table' AND name = '") +
                            table + "'"),
        1)
        << table;
  }
  ASSERT_TRUE(conn->Exec("INSERT INTO id_counters VALUES ('r', 7)").ok());

  // Again on the same connection, and on a new one: nothing changes.
  absl::Status again = ApplySchema(*conn);
  EXPECT_TRUE(again.ok()) << again;
  conn.reset();
  auto reopened = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(reopened, nullptr);
  again = ApplySchema(*reopened);
  EXPECT_TRUE(again.ok()) << again;
  EXPECT_EQ(QueryInt(*reopened, "PRAGMA user_version"), CurrentSchemaVersion());
  EXPECT_EQ(QueryInt(*reopened, "SELECT value FROM id_counters"), 7);
  EXPECT_EQ(sqlite3_get_autocommit(reopened->raw()), 1);
}

TEST_F(SchemaTest, RefusesDatabaseFromNewerHub) {
  auto conn = OpenOrDie(DbPath(), Connection::Mode::kReadWrite);
  ASSERT_NE(conn, nullptr);
  const int newer = CurrentSchemaVersion() + 1;
  ASSERT_TRUE(
      conn->Exec("PRAGMA user_version = " + std::to_string(newer)).ok());
  absl::Status s = ApplySchema(*conn);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("newer"));
  EXPECT_EQ(QueryInt(*conn, "PRAGMA user_version"), newer);
  EXPECT_EQ(QueryInt(*conn, "SELECT count(*) FROM sqlite_schema"), 0);
  // The failed attempt leaves no transaction open behind it.
  EXPECT_EQ(sqlite3_get_autocommit(conn->raw()), 1);
  EXPECT_TRUE(conn->Exec("CREATE TABLE t(x)").ok());
}

}  // namespace
}  // namespace rosa::store
