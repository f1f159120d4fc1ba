// GroupCommitWriter::Options::before_commit: once per batch, after its
// operations and inside its transaction, so that what it writes commits
// with them or not at all (the store's clock mark is written there:
// hub/audit/store_clock_floor.h).
#include <memory>
#include <mutex>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/store/group_commit_writer_fixture.h"

namespace rosa::store {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing_writer::Gate;
using testing_writer::GroupCommitWriterTest;
using testing_writer::InsertOp;
using testing_writer::Outcomes;

using BeforeCommitTest = GroupCommitWriterTest;

// Rows of t the connection sees (inside the writer's transaction: the
// batch's own, not yet committed).
int64_t CountRows(Connection& conn) {
  auto stmt = conn.Prepare("SELECT count(*) FROM t");
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  if (!stmt.ok()) return -1;
  auto row = (*stmt)->Step();
  EXPECT_TRUE(row.ok() && *row);
  return (*stmt)->ColumnInt(0);
}

TEST_F(BeforeCommitTest, RunsOncePerBatchAfterItsOperationsAndCommitsWithThem) {
  std::mutex mu;
  std::vector<int64_t> seen;  // Rows of t at each call.
  GroupCommitWriter::Options options;
  options.before_commit = [&](Connection& conn) -> absl::Status {
    const int64_t rows = CountRows(conn);
    {
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(rows);
    }
    // Its own row, 1000 + the rows it saw, in the same transaction.
    auto stmt = conn.Prepare("INSERT INTO t(x) VALUES (?1)");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, 1000 + rows);
    return (*stmt)->Run();
  };
  auto writer = StartWriter(std::move(options));
  Outcomes out;
  Gate started, release;
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  // One batch of three, queued behind the blocker.
  for (int id = 1; id <= 3; ++id) {
    writer->Submit(WriteOp{InsertOp(id), out.Done(id)});
  }
  release.Open();
  ASSERT_TRUE(out.WaitForCount(4));
  for (int id : {100, 1, 2, 3}) EXPECT_TRUE(out.Get(id).ok()) << id;
  EXPECT_EQ(writer->commit_count(), 2u);
  {
    std::lock_guard<std::mutex> lock(mu);
    // Once per batch, seeing all of the batch's rows (and the earlier
    // batch's hook row): 1 (the blocker), then 1 + 1 + 3.
    EXPECT_THAT(seen, ElementsAre(1, 5));
  }
  writer.reset();
  EXPECT_THAT(Rows(), ElementsAre(1, 2, 3, 100, 1001, 1005));
}

TEST_F(BeforeCommitTest, DoesNotRunWhenNoOperationApplied) {
  int calls = 0;  // Read after the writer is gone.
  GroupCommitWriter::Options options;
  options.before_commit = [&](Connection&) {
    ++calls;
    return absl::OkStatus();
  };
  auto writer = StartWriter(std::move(options));
  EXPECT_EQ(writer->SubmitAndWait([](WriteTxn& txn) {
    (void)testing_writer::Insert(txn, 1);
    return absl::AbortedError("refused");
  }),
            absl::AbortedError("refused"));
  writer.reset();
  EXPECT_EQ(calls, 0);
  EXPECT_THAT(Rows(), IsEmpty());
}

TEST_F(BeforeCommitTest, AnErrorRollsTheBatchBackAndFailsTheWriterClosed) {
  std::mutex mu;
  int failures = 0;
  GroupCommitWriter::Options options;
  options.on_failure = [&](const absl::Status&) {
    std::lock_guard<std::mutex> lock(mu);
    ++failures;
  };
  options.before_commit = [](Connection& conn) {
    // It writes, then fails: its write goes with the batch's.
    absl::Status s = conn.Exec("INSERT INTO t(x) VALUES (1000)");
    if (!s.ok()) return s;
    return absl::ResourceExhaustedError("disk full");
  };
  auto writer = StartWriter(std::move(options));
  Outcomes out;
  Gate started, release;
  SubmitBlocker(*writer, 100, started, release, out, 100);
  ASSERT_TRUE(started.Wait());
  writer->Submit(WriteOp{InsertOp(1), out.Done(1)});
  release.Open();
  ASSERT_TRUE(out.WaitForCount(2));
  EXPECT_EQ(out.Get(100).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(out.Get(1).code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(writer->failed());
  EXPECT_EQ(writer->SubmitAndWait(InsertOp(2)).code(),
            absl::StatusCode::kUnavailable);
  writer.reset();
  EXPECT_THAT(Rows(), IsEmpty());
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(failures, 1);
}

}  // namespace
}  // namespace rosa::store
