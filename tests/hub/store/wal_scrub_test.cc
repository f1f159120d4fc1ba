// The WAL scrub erasure asks for (hub/store/wal_scrub.h), on a real store:
// done at once when no reader is in the way; with a reader of an older
// snapshot it neither waits (the writer keeps committing) nor gives up,
// and is done once the reader is gone; a store opened on a log left by a
// crash scrubs it at start.
#include "hub/store/wal_scrub.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "gtest/gtest.h"
#include "hub/store/database.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

class WalScrubTest : public ::testing::Test {
 protected:
  std::unique_ptr<Database> OpenDb(const std::filesystem::path& path) {
    Database::Options options;
    options.path = path;
    options.reader_threads = 1;
    auto db = Database::Open(std::move(options));
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(*db) : nullptr;
  }

  // A write of some pages (a table of its own, made on first use).
  static absl::Status Write(Database& db, int n) {
    return db.writer().SubmitAndWait([n](WriteTxn& txn) -> absl::Status {
      Connection& conn = txn.conn();
      absl::Status s = conn.Exec(
          "CREATE TABLE IF NOT EXISTS scrub_probe (id INTEGER PRIMARY KEY, "
          "body BLOB)");
      for (int i = 0; s.ok() && i < n; ++i) {
        s = conn.Exec(
            "INSERT INTO scrub_probe (body) VALUES (randomblob(3000))");
      }
      return s;
    });
  }

  // Waits up to `limit` for the writer's scrub to be done.
  static bool ScrubDone(Database& db, std::chrono::milliseconds limit =
                                          std::chrono::milliseconds(5000)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (db.writer().wal_scrub_pending()) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  std::filesystem::path Wal(const std::filesystem::path& db) {
    return db.string() + "-wal";
  }

  // A store at `path` whose start scrub is done, with frames in its log.
  std::unique_ptr<Database> OpenWithALog(const std::filesystem::path& path) {
    auto db = OpenDb(path);
    if (db == nullptr) return nullptr;
    EXPECT_TRUE(ScrubDone(*db));
    EXPECT_TRUE(Write(*db, 20).ok());
    EXPECT_GT(std::filesystem::file_size(Wal(path)), 0u);
    return db;
  }

  rosa::testutil::TempDir dir_;
};

// (That an erasure answers only after its scrub, when no reader is in the
// way: person_desk_test, which finds the log empty at the answer.)
TEST_F(WalScrubTest, AScrubWithNoReaderEmptiesTheLogByTheNextAnswer) {
  const auto path = dir_.File("hub.db");
  auto db = OpenWithALog(path);
  ASSERT_NE(db, nullptr);
  db->writer().ScrubWal();
  ASSERT_TRUE(Write(*db, 0).ok());
  EXPECT_FALSE(db->writer().wal_scrub_pending());
  EXPECT_EQ(std::filesystem::file_size(Wal(path)), 0u);
}

// The writer waited for work alone, so a scrub asked of an idle writer
// (the store's start, with nothing written yet) waited for the next write.
TEST_F(WalScrubTest, AScrubAskedOfAnIdleWriterIsDoneWithoutAWrite) {
  const auto path = dir_.File("hub.db");
  auto db = OpenWithALog(path);
  ASSERT_NE(db, nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // Idle.
  db->writer().ScrubWal();
  EXPECT_TRUE(ScrubDone(*db, std::chrono::milliseconds(2000)));
  EXPECT_EQ(std::filesystem::file_size(Wal(path)), 0u);
}

TEST_F(WalScrubTest, AReaderOfAnOlderSnapshotDelaysTheScrubButNeverStopsIt) {
  const auto path = dir_.File("hub.db");
  auto db = OpenDb(path);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Write(*db, 5).ok());
  // A backup or report: a read transaction on the snapshot of now.
  auto reader = Connection::Open(path, Connection::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_TRUE((*reader)->Exec("BEGIN").ok());
  ASSERT_TRUE((*reader)->Exec("SELECT count(*) FROM scrub_probe").ok());
  {
    auto stmt = (*reader)->Prepare("SELECT count(*) FROM scrub_probe");
    ASSERT_TRUE(stmt.ok());
    ASSERT_TRUE((*stmt)->Step().ok());
  }

  ASSERT_TRUE(Write(*db, 20).ok());  // The erasure, after the snapshot.
  db->writer().ScrubWal();
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Write(*db, 1).ok());
  // The writer did not wait for the reader (the busy timeout is 5 s).
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(db->writer().wal_scrub_pending());
  EXPECT_GT(std::filesystem::file_size(Wal(path)), 0u);
  ASSERT_TRUE(Write(*db, 1).ok());  // Later writes go on.

  ASSERT_TRUE((*reader)->Exec("COMMIT").ok());
  // Retried every 200 ms, with no write needed to wake the writer.
  EXPECT_TRUE(ScrubDone(*db));
  EXPECT_EQ(std::filesystem::file_size(Wal(path)), 0u);
  EXPECT_FALSE(db->writer().failed());
}

TEST_F(WalScrubTest, AStoreScrubsALogACrashLeftAtStart) {
  // A log with committed frames, as a crash leaves it: copied aside while
  // the store that wrote it is open (its close would checkpoint it).
  const auto live = dir_.File("live.db");
  const auto copy = dir_.File("copy.db");
  {
    auto db = OpenDb(live);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(ScrubDone(*db));
    ASSERT_TRUE(Write(*db, 20).ok());
    std::filesystem::copy_file(live, copy);
    std::filesystem::copy_file(Wal(live), Wal(copy));
  }
  ASSERT_GT(std::filesystem::file_size(Wal(copy)), 0u);
  auto db = OpenDb(copy);
  ASSERT_NE(db, nullptr);
  EXPECT_TRUE(ScrubDone(*db));
  EXPECT_EQ(std::filesystem::file_size(Wal(copy)), 0u);
}

}  // namespace
}  // namespace rosa::store
