// Tests of the CrashVfs on a bare store::Connection: synced commits survive
// a cut, unsynced ones may not (so the campaign can see a lost write),
// nothing is written after the cut, and injected faults reach SQLite.
#include "tests/reliability/crash_vfs.h"

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "hub/store/sqlite.h"
#include "tests/reliability/power_loss.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::reliability {
namespace {

using store::Connection;

class CrashVfsTest : public ::testing::Test {
 protected:
  void SetUp() override { vfs_.Reset(); }

  std::unique_ptr<Connection> Open(const std::string& vfs) {
    auto conn =
        Connection::Open(dir_.File("t.db"), Connection::Mode::kReadWrite, vfs);
    EXPECT_TRUE(conn.ok()) << conn.status();
    return conn.ok() ? std::move(*conn) : nullptr;
  }
  int64_t Rows() {
    auto conn = Open("");
    auto stmt = conn->Prepare("SELECT count(*) FROM t");
    EXPECT_TRUE(stmt.ok());
    EXPECT_TRUE(*(*stmt)->Step());
    return (*stmt)->ColumnInt(0);
  }

  CrashVfs& vfs_ = TheCrashVfs();
  testutil::TempDir dir_;
};

TEST_F(CrashVfsTest, SyncedCommitsSurviveUnsyncedOnesCanBeLost) {
  int lost_runs = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    std::filesystem::remove(dir_.File("t.db"));
    std::filesystem::remove(dir_.File("t.db-wal"));
    vfs_.Reset();
    {
      auto conn = Open(vfs_.name());
      ASSERT_TRUE(conn->Exec("CREATE TABLE t(x BLOB)").ok());
      ASSERT_TRUE(conn->Exec("INSERT INTO t VALUES (zeroblob(3000))").ok());
      // Without a sync a committed transaction is not on disk.
      ASSERT_TRUE(conn->Exec("PRAGMA synchronous=OFF").ok());
      ASSERT_TRUE(conn->Exec("INSERT INTO t VALUES (zeroblob(3000))").ok());
      vfs_.CutNow();
    }
    std::mt19937_64 rng(seed);
    auto report = vfs_.ApplyCut(rng);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->files_with_unsynced, 1) << "the WAL";
    const int64_t rows = Rows();
    EXPECT_GE(rows, 1) << "a synced commit was lost";
    EXPECT_LE(rows, 2);
    if (report->lost_files == 1) {
      EXPECT_EQ(rows, 1);
      ++lost_runs;
    }
  }
  EXPECT_GT(lost_runs, 0);
}

TEST_F(CrashVfsTest, NothingReachesTheDiskAfterTheCut) {
  auto conn = Open(vfs_.name());
  ASSERT_TRUE(conn->Exec("CREATE TABLE t(x)").ok());
  const uint64_t before = vfs_.ops();
  vfs_.ArmCut(1);
  absl::Status st = conn->Exec("INSERT INTO t VALUES (1)");
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(vfs_.cut());
  EXPECT_FALSE(conn->Exec("INSERT INTO t VALUES (2)").ok());
  EXPECT_EQ(vfs_.ops(), before + 1) << "counted past the cut";
  conn.reset();
  std::mt19937_64 rng(1);
  ASSERT_TRUE(vfs_.ApplyCut(rng).ok());
  EXPECT_EQ(Rows(), 0);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("t.db-shm")));
}

TEST_F(CrashVfsTest, InjectedFaultsReachSqliteOnce) {
  auto conn = Open(vfs_.name());
  ASSERT_TRUE(conn->Exec("CREATE TABLE t(x)").ok());
  vfs_.FailOp(CrashVfs::OpKind::kSync, 1, SQLITE_IOERR_FSYNC);
  EXPECT_FALSE(conn->Exec("INSERT INTO t VALUES (1)").ok());
  vfs_.FailOp(CrashVfs::OpKind::kWrite, 1, SQLITE_FULL);
  absl::Status full = conn->Exec("INSERT INTO t VALUES (2)");
  EXPECT_FALSE(full.ok());
  EXPECT_NE(full.message().find("full"), std::string::npos) << full;
  EXPECT_EQ(vfs_.faults_returned(), 2u);
  EXPECT_TRUE(conn->Exec("INSERT INTO t VALUES (3)").ok());
}

}  // namespace
}  // namespace rosa::reliability
