// The hub's single writer. Request threads hand it write operations; one
// thread applies as many queued operations as it finds in one SQLite
// transaction and commits them with one fsync (group commit, as in leveldb's
// DBImpl::BuildBatchGroup). Each operation runs inside its own savepoint, so
// one failing operation is rolled back alone while the rest of the batch
// commits. Completions run only after the commit is durable.
//
// Failure is closed: if a commit (and so its fsync) fails, every operation in
// the batch fails, nothing is retried, and the writer refuses all further
// writes with UNAVAILABLE until the process restarts and SQLite recovers
// from its write-ahead log. A failed checkpoint (copying the write-ahead log
// into the database file, and syncing it) closes the writer too: the
// commits before it are durable in the log and stay acknowledged, but a
// disk that failed a write or an fsync is not trusted with the next one.
// SQLite's own automatic checkpoint would ignore such a failure, so the
// writer runs it itself, at SQLite's default threshold.
//
// Thread-safety: Submit and SubmitAndWait may be called from any thread.
// Operations and completions run on the writer thread and must not block;
// no request thread ever holds a lock across an fsync.
#ifndef ROSA_HUB_STORE_GROUP_COMMIT_WRITER_H_
#define ROSA_HUB_STORE_GROUP_COMMIT_WRITER_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/store/sqlite.h"
#include "hub/store/wal_scrub.h"

namespace rosa::store {

// What an operation sees while it runs inside the batch transaction.
class WriteTxn {
 public:
  explicit WriteTxn(Connection* conn) : conn_(conn) {}
  Connection& conn() { return *conn_; }
  // Registers `fn` to run on the writer thread once this operation's changes
  // are committed (never if they are rolled back). Must not block.
  void OnCommit(std::function<void()> fn) {
    on_commit_.push_back(std::move(fn));
  }
  // How many idempotent commands in this operation answered with the
  // response recorded before (store::ApplyIdempotent counts them), so that
  // a caller applying several can tell "applied before" from "applied".
  int replays() const { return replays_; }
  void CountReplay() { ++replays_; }

 private:
  friend class GroupCommitWriter;
  Connection* conn_;
  int replays_ = 0;
  std::vector<std::function<void()>> on_commit_;
};

struct WriteOp {
  // Runs in the transaction. A non-OK status rolls back this operation's
  // changes and is passed to `done`.
  std::function<absl::Status(WriteTxn&)> apply;
  // Runs after the commit (or the failure) with the outcome. Must not block.
  std::function<void(absl::Status)> done;
  // An operation still queued at its deadline is not applied.
  absl::Time deadline = absl::InfiniteFuture();
};

class GroupCommitWriter {
 public:
  struct Options {
    // Most operations committed together.
    size_t max_batch = 256;
    // Called once, on the writer thread, when the writer fails closed.
    std::function<void(const absl::Status&)> on_failure;
    // Called on the writer thread after each durable commit with the
    // number of operations in the batch and how long COMMIT (and so its
    // fsync) took; for metrics. Must not block.
    std::function<void(size_t batch_size, absl::Duration commit)> on_commit;
    // Where on_commit's durations are read: a clock that never steps (not
    // owned; SteadyClock when null). Tests may pass their own.
    const Clock* steady = nullptr;
    // Runs on the writer thread inside each batch's transaction, after its
    // operations and just before COMMIT (once per batch, and only when at
    // least one operation applied), so that what it writes commits with
    // them, atomically (the store's clock mark: store_clock_floor.h). An
    // error rolls the whole batch back and fails the writer closed, as a
    // failed SAVEPOINT does. Must not block.
    std::function<absl::Status(Connection&)> before_commit;
  };

  // REQUIRES: `conn` is a read-write connection with the schema in place.
  GroupCommitWriter(std::unique_ptr<Connection> conn, Options options);
  // Applies everything already queued, then stops the thread.
  ~GroupCommitWriter();

  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  void Submit(WriteOp op);
  // Submits and blocks until committed. For start-up, maintenance and tests;
  // never from a writer-thread callback.
  absl::Status SubmitAndWait(std::function<absl::Status(WriteTxn&)> apply);

  // Asks for the write-ahead log to be scrubbed (wal_scrub.h): erasure
  // calls it from its on-commit callback, the store at every start. The
  // writer tries at once (before it answers the batch that asked) and
  // again at most every 200 ms while a reader of an older snapshot is in
  // the way, never waiting for one; a failed checkpoint fails it closed.
  // Any thread.
  void ScrubWal();
  // A scrub is asked for and not yet done; for tests and metrics.
  bool wal_scrub_pending() const { return scrub_.pending(); }

  bool failed() const { return failed_.load(); }
  // Number of commits so far (batches, not operations); for tests.
  uint64_t commit_count() const { return commits_.load(); }

 private:
  void Loop();
  void RunBatch(std::vector<WriteOp>& batch);
  void FailClosed(const absl::Status& cause, std::vector<WriteOp>& batch);
  // A checkpoint failed: fail closed. REQUIRES: on the writer thread.
  void FailClosedAfterCheckpoint(const absl::Status& cause);
  // Runs the pending WAL scrub if due. REQUIRES: on the writer thread,
  // outside a transaction.
  void ScrubIfDue();
  // sqlite3_wal_hook: after each commit, checkpoints once the log holds
  // kCheckpointPages pages, and fails closed if that fails.
  static int OnWalCommit(void* self, sqlite3* db, const char* schema,
                         int pages);

  std::unique_ptr<Connection> conn_;
  Options options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<WriteOp> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // ScrubWal was called since the writer last woke (a wait on `ready`
  // alone would sleep through it).
  bool scrub_asked_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<bool> failed_{false};
  WalScrub scrub_;
  std::atomic<uint64_t> commits_{0};
  std::thread thread_;
};

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_GROUP_COMMIT_WRITER_H_
