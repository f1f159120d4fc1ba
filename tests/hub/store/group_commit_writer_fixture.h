// The fixture of the group-commit writer's tests (group_commit_writer_test,
// before_commit_test): a fresh database with the schema and a table t of
// integers, a writer over it, a latch that holds the writer thread so that
// what is submitted meanwhile forms one batch, and the operations' outcomes.
// Header-only; for tests/hub/store.
// Thread-safety: Gate and Outcomes may be used from any thread; the fixture
// from the test's thread.
#ifndef ROSA_TESTS_HUB_STORE_GROUP_COMMIT_WRITER_FIXTURE_H_
#define ROSA_TESTS_HUB_STORE_GROUP_COMMIT_WRITER_FIXTURE_H_

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store::testing_writer {

inline constexpr auto kWaitLimit = std::chrono::seconds(30);

// A one-shot latch with a timeout, so that a broken writer fails the test
// instead of hanging it.
class Gate {
 public:
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kWaitLimit, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Collects the outcome passed to each operation's `done`, by id.
class Outcomes {
 public:
  std::function<void(absl::Status)> Done(int id) {
    return [this, id](absl::Status s) {
      std::lock_guard<std::mutex> lock(mu_);
      ++calls_[id];
      statuses_[id] = std::move(s);
      cv_.notify_all();
    };
  }
  // Waits until `n` distinct operations are done.
  bool WaitForCount(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kWaitLimit,
                        [&] { return statuses_.size() >= n; });
  }
  absl::Status Get(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = statuses_.find(id);
    return it == statuses_.end() ? absl::UnknownError("not done") : it->second;
  }
  int Calls(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_[id];
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int, absl::Status> statuses_;
  std::map<int, int> calls_;
};

inline absl::Status Insert(WriteTxn& txn, int64_t x) {
  auto stmt = txn.conn().Prepare("INSERT INTO t(x) VALUES (?1)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, x);
  return (*stmt)->Run();
}

inline std::function<absl::Status(WriteTxn&)> InsertOp(int64_t x) {
  return [x](WriteTxn& txn) { return Insert(txn, x); };
}

class GroupCommitWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = Connection::Open(DbPath(), Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_TRUE(ApplySchema(**conn).ok());
    ASSERT_TRUE((*conn)->Exec("CREATE TABLE t(x INTEGER PRIMARY KEY)").ok());
    conn_ = std::move(*conn);
  }

  std::filesystem::path DbPath() const { return dir_.File("hub.db"); }

  std::unique_ptr<GroupCommitWriter> StartWriter(
      GroupCommitWriter::Options options = {}) {
    return std::make_unique<GroupCommitWriter>(std::move(conn_),
                                               std::move(options));
  }

  // Submits an operation that inserts `x`, tells `started` and then holds
  // the writer thread until `release` opens, so that whatever is submitted
  // meanwhile queues up for the next batch.
  static void SubmitBlocker(GroupCommitWriter& writer, int64_t x, Gate& started,
                            Gate& release, Outcomes& out, int id) {
    writer.Submit(WriteOp{[x, &started, &release](WriteTxn& txn) {
                            absl::Status s = Insert(txn, x);
                            started.Open();
                            if (!release.Wait()) {
                              return absl::DeadlineExceededError("stuck");
                            }
                            return s;
                          },
                          out.Done(id)});
  }

  // The committed rows of t, read through a fresh connection.
  std::vector<int64_t> Rows() const {
    std::vector<int64_t> rows;
    auto conn = Connection::Open(DbPath(), Connection::Mode::kReadOnly);
    EXPECT_TRUE(conn.ok()) << conn.status();
    if (!conn.ok()) return rows;
    auto stmt = (*conn)->Prepare("SELECT x FROM t ORDER BY x");
    EXPECT_TRUE(stmt.ok()) << stmt.status();
    if (!stmt.ok()) return rows;
    for (;;) {
      auto row = (*stmt)->Step();
      EXPECT_TRUE(row.ok()) << row.status();
      if (!row.ok() || !*row) break;
      rows.push_back((*stmt)->ColumnInt(0));
    }
    return rows;
  }

  rosa::testutil::TempDir dir_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace rosa::store::testing_writer

#endif  // ROSA_TESTS_HUB_STORE_GROUP_COMMIT_WRITER_FIXTURE_H_
