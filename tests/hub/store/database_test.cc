#include "hub/store/database.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "gtest/gtest.h"
#include "hub/store/read_pool.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

absl::StatusOr<int64_t> QueryInt(Connection& conn, const std::string& sql) {
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError("no row");
  return (*stmt)->ColumnInt(0);
}

class DatabaseTest : public ::testing::Test {
 protected:
  std::unique_ptr<Database> OpenDb(size_t readers = 2) {
    Database::Options options;
    options.path = dir_.File("hub.db");
    options.reader_threads = readers;
    auto db = Database::Open(std::move(options));
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(*db) : nullptr;
  }

  rosa::testutil::TempDir dir_;
};

TEST_F(DatabaseTest, OpenCreatesFileAndAppliesSchema) {
  auto db = OpenDb();
  ASSERT_NE(db, nullptr);
  EXPECT_TRUE(std::filesystem::exists(dir_.File("hub.db")));
  int64_t version = -1;
  ASSERT_TRUE(db->readers()
                  .RunAndWait([&](Connection& conn) {
                    auto v = QueryInt(conn, "PRAGMA user_version");
                    if (!v.ok()) return v.status();
                    version = *v;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(version, CurrentSchemaVersion());
}

TEST_F(DatabaseTest, OpenFailsOnUnusablePath) {
  Database::Options options;
  options.path = dir_.File("missing/dir/hub.db");
  auto db = Database::Open(std::move(options));
  EXPECT_FALSE(db.ok());
}

TEST_F(DatabaseTest, ReadersSeeCommittedWritesAndDataSurvivesReopen) {
  {
    auto db = OpenDb();
    ASSERT_NE(db, nullptr);
    for (int i = 1; i <= 3; ++i) {
      ASSERT_TRUE(db->writer()
                      .SubmitAndWait([i](WriteTxn& txn) {
                        auto stmt = txn.conn().Prepare(
                            "INSERT INTO id_counters(name, value)"
                            " VALUES ('n', ?1) ON CONFLICT(name)"
                            " DO UPDATE SET value = ?1");
                        if (!stmt.ok()) return stmt.status();
                        (*stmt)->Bind(1, int64_t{i});
                        return (*stmt)->Run();
                      })
                      .ok());
      // Every reader sees the write as soon as SubmitAndWait returns.
      for (int r = 0; r < 4; ++r) {
        int64_t seen = -1;
        ASSERT_TRUE(db->readers()
                        .RunAndWait([&](Connection& conn) {
                          auto v = QueryInt(
                              conn,
                              "SELECT value FROM id_counters WHERE name='n'");
                          if (!v.ok()) return v.status();
                          seen = *v;
                          return absl::OkStatus();
                        })
                        .ok());
        EXPECT_EQ(seen, i);
      }
    }
  }
  auto reopened = OpenDb();
  ASSERT_NE(reopened, nullptr);
  absl::Status s = reopened->readers().RunAndWait([](Connection& conn) {
    auto v = QueryInt(conn, "SELECT value FROM id_counters WHERE name='n'");
    if (!v.ok()) return v.status();
    return *v == 3 ? absl::OkStatus() : absl::InternalError("lost write");
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST_F(DatabaseTest, RunAndWaitPassesTheTaskStatus) {
  auto db = OpenDb();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->readers().RunAndWait(
                [](Connection&) { return absl::NotFoundError("x"); }),
            absl::NotFoundError("x"));
  // Readers are read-only.
  EXPECT_FALSE(db->readers()
                   .RunAndWait([](Connection& conn) {
                     return conn.Exec(
                         "INSERT INTO id_counters VALUES ('n', 1)");
                   })
                   .ok());
}

TEST_F(DatabaseTest, SubmittedReadTasksRunConcurrently) {
  auto db = OpenDb(/*readers=*/4);
  ASSERT_NE(db, nullptr);
  // Two tasks that each wait for the other: with a single reader thread
  // both would time out.
  std::mutex mu;
  std::condition_variable cv;
  int arrived = 0;
  int met = 0;
  int finished = 0;
  std::set<std::thread::id> threads;
  for (int i = 0; i < 2; ++i) {
    db->readers().Submit([&](Connection&) {
      std::unique_lock<std::mutex> lock(mu);
      threads.insert(std::this_thread::get_id());
      ++arrived;
      cv.notify_all();
      if (cv.wait_for(lock, std::chrono::seconds(20),
                      [&] { return arrived >= 2; })) {
        ++met;
      }
      ++finished;
      cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30),
                          [&] { return finished == 2; }));
  EXPECT_EQ(met, 2);
  EXPECT_EQ(threads.size(), 2u);
}

TEST_F(DatabaseTest, ReadPoolSurvivesThrowingTaskAndDrainsOnDestruction) {
  {
    auto db = OpenDb();
    ASSERT_NE(db, nullptr);
  }
  auto pool = ReadPool::Open(dir_.File("hub.db"), 1);
  ASSERT_TRUE(pool.ok()) << pool.status();
  (*pool)->Submit([](Connection&) { throw std::runtime_error("bug"); });
  EXPECT_TRUE(
      (*pool)->RunAndWait([](Connection&) { return absl::OkStatus(); }).ok());
  std::atomic<int> ran{0};
  for (int i = 0; i < 20; ++i) {
    (*pool)->Submit([&](Connection&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++ran;
    });
  }
  pool->reset();
  EXPECT_EQ(ran.load(), 20);
}

TEST_F(DatabaseTest, WriteFailureCallbackIsWired) {
  std::atomic<int> failures{0};
  Database::Options options;
  options.path = dir_.File("hub.db");
  options.on_write_failure = [&](const absl::Status&) { ++failures; };
  auto db = Database::Open(std::move(options));
  ASSERT_TRUE(db.ok()) << db.status();
  // A deferred foreign-key violation makes COMMIT itself fail.
  ASSERT_TRUE((*db)
                  ->writer()
                  .SubmitAndWait([](WriteTxn& txn) {
                    return txn.conn().Exec(
                        "CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                        "CREATE TABLE child(id INTEGER PRIMARY KEY,"
                        " p INTEGER REFERENCES parent(id)"
                        " DEFERRABLE INITIALLY DEFERRED);");
                  })
                  .ok());
  absl::Status s = (*db)->writer().SubmitAndWait([](WriteTxn& txn) {
    return txn.conn().Exec("INSERT INTO child VALUES (1, 7)");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  // on_failure runs on the writer thread, possibly after `done`.
  for (int i = 0; i < 5000 && failures.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(failures.load(), 1);
  EXPECT_TRUE((*db)->writer().failed());
}

}  // namespace
}  // namespace rosa::store
