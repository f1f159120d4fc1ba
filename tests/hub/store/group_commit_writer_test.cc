#include "hub/store/group_commit_writer.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/store/group_commit_writer_fixture.h"

namespace rosa::store {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using testing_writer::Gate;
using testing_writer::GroupCommitWriterTest;
using testing_writer::Insert;
using testing_writer::InsertOp;
using testing_writer::kWaitLimit;
using testing_writer::Outcomes;

TEST_F(GroupCommitWriterTest, SubmitAndWaitCommitsAndReturnsOpStatus) {
  auto writer = StartWriter();
  EXPECT_TRUE(writer->SubmitAndWait(InsertOp(1)).ok());
  EXPECT_EQ(writer->SubmitAndWait(
                [](WriteTxn&) { return absl::NotFoundError("nope"); }),
            absl::NotFoundError("nope"));
  EXPECT_THAT(Rows(), ElementsAre(1));
  EXPECT_EQ(writer->commit_count(), 2u);
  EXPECT_FALSE(writer->failed());
}

TEST_F(GroupCommitWriterTest, ConcurrentSubmitsAllCommitInBatches) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  constexpr int kTotal = kThreads * kPerThread;
  Outcomes out;
  std::mutex mu;
  std::condition_variable cv;
  int submitted = 0;
  Gate started;
  auto writer = StartWriter();
  // The first operation holds the writer until at least half of the others
  // are queued, so that batching is certain rather than timing-dependent.
  // The others are submitted only once it runs, so that it commits alone
  // even when the writer thread is slow to start.
  writer->Submit(WriteOp{[&](WriteTxn&) {
                           started.Open();
                           std::unique_lock<std::mutex> lock(mu);
                           cv.wait_for(lock, kWaitLimit,
                                       [&] { return submitted >= kTotal / 2; });
                           return absl::OkStatus();
                         },
                         out.Done(-1)});
  ASSERT_TRUE(started.Wait());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int id = t * kPerThread + i;
        writer->Submit(WriteOp{InsertOp(id), out.Done(id)});
        std::lock_guard<std::mutex> lock(mu);
        ++submitted;
        cv.notify_all();
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(out.WaitForCount(kTotal + 1));
  for (int id = 0; id < kTotal; ++id) {
    EXPECT_TRUE(out.Get(id).ok()) << id << ": " << out.Get(id);
    EXPECT_EQ(out.Calls(id), 1) << id;
  }
  EXPECT_EQ(Rows().size(), static_cast<size_t>(kTotal));
  EXPECT_LT(writer->commit_count(), static_cast<uint64_t>(kTotal));
  EXPECT_GE(writer->commit_count(), 2u);
}

TEST_F(GroupCommitWriterTest, MaxBatchBoundsOperationsPerCommit) {
  Outcomes out;
  Gate started, release;
  GroupCommitWriter::Options options;
  options.max_batch = 4;
  auto writer = StartWriter(std::move(options));
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  for (int i = 0; i < 10; ++i)
    writer->Submit(WriteOp{InsertOp(i), out.Done(i)});
  release.Open();
  ASSERT_TRUE(out.WaitForCount(11));
  EXPECT_EQ(Rows().size(), 11u);
  EXPECT_EQ(writer->commit_count(), 1u + 3u);  // [blocker], 4, 4, 2.
}

TEST_F(GroupCommitWriterTest, FailingOpIsRolledBackAloneWithinItsBatch) {
  Outcomes out;
  Gate started, release;
  auto writer = StartWriter();
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  writer->Submit(WriteOp{InsertOp(1), out.Done(1)});
  writer->Submit(WriteOp{[](WriteTxn& txn) {
                           absl::Status s = Insert(txn, 2);
                           if (!s.ok()) return s;
                           return absl::InvalidArgumentError("refused");
                         },
                         out.Done(2)});
  writer->Submit(WriteOp{InsertOp(3), out.Done(3)});
  // A SQL error (duplicate key) inside the batch is also the op's alone.
  writer->Submit(WriteOp{InsertOp(1), out.Done(4)});
  writer->Submit(WriteOp{InsertOp(5), out.Done(5)});
  release.Open();
  ASSERT_TRUE(out.WaitForCount(6));
  EXPECT_TRUE(out.Get(100).ok());
  EXPECT_TRUE(out.Get(1).ok());
  EXPECT_EQ(out.Get(2), absl::InvalidArgumentError("refused"));
  EXPECT_TRUE(out.Get(3).ok());
  EXPECT_FALSE(out.Get(4).ok());
  EXPECT_TRUE(out.Get(5).ok());
  EXPECT_THAT(Rows(), ElementsAre(1, 3, 5, 100));
  // All five went in one batch: the blocker's commit, then one more.
  EXPECT_EQ(writer->commit_count(), 2u);
  EXPECT_FALSE(writer->failed());
}

TEST_F(GroupCommitWriterTest, ThrowingOpIsContainedAndWriterKeepsWorking) {
  Outcomes out;
  Gate started, release;
  auto writer = StartWriter();
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  writer->Submit(WriteOp{[](WriteTxn& txn) -> absl::Status {
                           (void)Insert(txn, 1);
                           throw std::runtime_error("bug");
                         },
                         out.Done(1)});
  writer->Submit(WriteOp{[](WriteTxn& txn) -> absl::Status {
                           (void)Insert(txn, 2);
                           throw 42;
                         },
                         out.Done(2)});
  writer->Submit(WriteOp{InsertOp(3), out.Done(3)});
  release.Open();
  ASSERT_TRUE(out.WaitForCount(4));
  EXPECT_EQ(out.Get(1).code(), absl::StatusCode::kInternal);
  EXPECT_EQ(out.Get(2).code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(out.Get(3).ok());
  EXPECT_FALSE(writer->failed());
  EXPECT_TRUE(writer->SubmitAndWait(InsertOp(4)).ok());
  EXPECT_THAT(Rows(), ElementsAre(3, 4, 100));
}

TEST_F(GroupCommitWriterTest, PassedDeadlineIsNotApplied) {
  Outcomes out;
  std::atomic<int> applied{0};
  auto writer = StartWriter();
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           ++applied;
                           return Insert(txn, 1);
                         },
                         out.Done(1), absl::Now() - absl::Seconds(1)});
  ASSERT_TRUE(out.WaitForCount(1));
  EXPECT_EQ(out.Get(1).code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(applied.load(), 0);
  EXPECT_THAT(Rows(), IsEmpty());
}

TEST_F(GroupCommitWriterTest, DeadlinePassingWhileQueuedIsNotApplied) {
  Outcomes out;
  Gate started, release;
  std::atomic<int> applied{0};
  auto writer = StartWriter();
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           ++applied;
                           return Insert(txn, 1);
                         },
                         out.Done(1), absl::Now() + absl::Milliseconds(20)});
  writer->Submit(WriteOp{InsertOp(2), out.Done(2)});
  absl::SleepFor(absl::Milliseconds(60));
  release.Open();
  ASSERT_TRUE(out.WaitForCount(3));
  EXPECT_EQ(out.Get(1).code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(applied.load(), 0);
  EXPECT_TRUE(out.Get(2).ok());
  EXPECT_THAT(Rows(), ElementsAre(2, 100));
}

TEST_F(GroupCommitWriterTest, OnCommitRunsOnlyForCommittedOpsBeforeDone) {
  auto observer = Connection::Open(DbPath(), Connection::Mode::kReadOnly);
  ASSERT_TRUE(observer.ok());
  std::mutex mu;
  std::vector<std::string> log;
  auto note = [&](std::string what) {
    std::lock_guard<std::mutex> lock(mu);
    log.push_back(std::move(what));
  };
  int64_t visible_in_hook = -1;
  Outcomes out;
  Gate started, release;
  auto writer = StartWriter();
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  auto logged_done = [&](int id) {
    return [&, id, inner = out.Done(id)](absl::Status s) {
      note("done" + std::to_string(id));
      inner(std::move(s));
    };
  };
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           txn.OnCommit([&] {
                             note("commit1");
                             // The hook runs after the commit: another
                             // connection already sees the row.
                             auto q = (*observer)->Prepare(
                                 "SELECT count(*) FROM t WHERE x = 1");
                             if (q.ok() && *(*q)->Step()) {
                               visible_in_hook = (*q)->ColumnInt(0);
                             }
                           });
                           return Insert(txn, 1);
                         },
                         logged_done(1)});
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           txn.OnCommit([&] { note("commit2"); });
                           (void)Insert(txn, 2);
                           return absl::AbortedError("rolled back");
                         },
                         logged_done(2)});
  writer->Submit(WriteOp{[&](WriteTxn& txn) -> absl::Status {
                           txn.OnCommit([&] { note("commit3"); });
                           throw std::runtime_error("bug");
                         },
                         logged_done(3)});
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           txn.OnCommit([&] { note("commit4a"); });
                           txn.OnCommit([&] { note("commit4b"); });
                           return Insert(txn, 4);
                         },
                         logged_done(4)});
  release.Open();
  ASSERT_TRUE(out.WaitForCount(5));
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_THAT(
      log, ::testing::UnorderedElementsAre("commit1", "commit4a", "commit4b",
                                           "done1", "done2", "done3", "done4"));
  auto pos = [&](const std::string& s) {
    return std::find(log.begin(), log.end(), s) - log.begin();
  };
  EXPECT_LT(pos("commit1"), pos("done1"));
  EXPECT_LT(pos("commit4a"), pos("commit4b"));
  EXPECT_LT(pos("commit4b"), pos("done4"));
  EXPECT_EQ(visible_in_hook, 1);
  EXPECT_THAT(Rows(), ElementsAre(1, 4, 100));
}

// COMMIT fails when a deferred foreign key is still violated at commit
// time. The writer must then fail closed.
TEST_F(GroupCommitWriterTest, FailsClosedWhenCommitFails) {
  ASSERT_TRUE(conn_
                  ->Exec("CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                         "CREATE TABLE child(id INTEGER PRIMARY KEY,"
                         " parent_id INTEGER NOT NULL REFERENCES parent(id)"
                         " DEFERRABLE INITIALLY DEFERRED);")
                  .ok());
  std::mutex mu;
  int failures = 0;
  absl::Status cause;
  Outcomes out;
  Gate started, release, bad_started, bad_release;
  std::atomic<int> applied_after_failure{0};
  GroupCommitWriter::Options options;
  options.on_failure = [&](const absl::Status& s) {
    std::lock_guard<std::mutex> lock(mu);
    ++failures;
    cause = s;
  };
  auto writer = StartWriter(std::move(options));
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  // Batch 2: a good operation and one whose deferred FK violation only
  // surfaces at COMMIT.
  writer->Submit(WriteOp{InsertOp(1), out.Done(1)});
  writer->Submit(WriteOp{
      [&](WriteTxn& txn) {
        absl::Status s =
            txn.conn().Exec("INSERT INTO child(id, parent_id) VALUES (1, 999)");
        bad_started.Open();
        bad_release.Wait();
        return s;
      },
      out.Done(2)});
  release.Open();
  ASSERT_TRUE(bad_started.Wait());
  // Queued behind the failing batch.
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           ++applied_after_failure;
                           return Insert(txn, 3);
                         },
                         out.Done(3)});
  bad_release.Open();
  ASSERT_TRUE(out.WaitForCount(4));
  EXPECT_TRUE(out.Get(100).ok());
  EXPECT_EQ(out.Get(1).code(), absl::StatusCode::kUnavailable) << out.Get(1);
  EXPECT_EQ(out.Get(2).code(), absl::StatusCode::kUnavailable) << out.Get(2);
  EXPECT_EQ(out.Get(3).code(), absl::StatusCode::kUnavailable) << out.Get(3);
  EXPECT_TRUE(writer->failed());

  // Every later write is refused without being applied.
  writer->Submit(WriteOp{[&](WriteTxn& txn) {
                           ++applied_after_failure;
                           return Insert(txn, 4);
                         },
                         out.Done(4)});
  ASSERT_TRUE(out.WaitForCount(5));
  EXPECT_EQ(out.Get(4).code(), absl::StatusCode::kUnavailable);
  absl::Status waited = writer->SubmitAndWait([&](WriteTxn& txn) {
    ++applied_after_failure;
    return Insert(txn, 5);
  });
  EXPECT_EQ(waited.code(), absl::StatusCode::kUnavailable) << waited;
  EXPECT_EQ(applied_after_failure.load(), 0);
  for (int id : {1, 2, 3, 4}) EXPECT_EQ(out.Calls(id), 1) << id;
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(failures, 1);
    EXPECT_FALSE(cause.ok());
  }
  EXPECT_EQ(writer->commit_count(), 1u);
  writer.reset();
  // Only the blocker's batch reached the disk.
  EXPECT_THAT(Rows(), ElementsAre(100));
}

TEST_F(GroupCommitWriterTest, DestructorAppliesEverythingQueued) {
  constexpr int kQueued = 50;
  Outcomes out;
  Gate started, release;
  auto writer = StartWriter();
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  for (int i = 0; i < kQueued; ++i) {
    writer->Submit(WriteOp{InsertOp(i), out.Done(i)});
  }
  // Let the destructor begin (and ask the thread to stop) with everything
  // still queued, then release the writer thread.
  std::thread opener([&] {
    absl::SleepFor(absl::Milliseconds(50));
    release.Open();
  });
  writer.reset();
  opener.join();
  ASSERT_TRUE(out.WaitForCount(kQueued + 1));
  for (int i = 0; i < kQueued; ++i) {
    EXPECT_TRUE(out.Get(i).ok()) << i << ": " << out.Get(i);
  }
  EXPECT_EQ(Rows().size(), static_cast<size_t>(kQueued + 1));
}

}  // namespace
}  // namespace rosa::store
