#include "hub/store/group_commit_writer.h"

#include <exception>
#include <future>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "hub/common/hub_clock.h"

namespace rosa::store {
namespace {

// SQLite's default wal_autocheckpoint.
constexpr int kCheckpointPages = 1000;

absl::Status ClosedError() {
  return absl::UnavailableError(
      "store: a durable write failed earlier; the hub accepts no writes "
      "until it is restarted");
}

// Runs an operation, turning an escaped exception into INTERNAL so that a
// bug in one operation cannot take the writer thread down.
absl::Status ApplyGuarded(WriteOp& op, WriteTxn& txn) {
  try {
    return op.apply(txn);
  } catch (const std::exception&) {
    return absl::InternalError("store: write operation threw an exception");
  } catch (...) {
    return absl::InternalError("store: write operation threw");
  }
}

// Runs one transaction-control statement through the connection's
// statement cache: sqlite3_exec would compile it again for every batch and
// every operation.
absl::Status RunCached(Connection& conn, const char* sql) {
  absl::StatusOr<StatementHandle> stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Run();
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> conn,
                                     Options options)
    : conn_(std::move(conn)), options_(std::move(options)) {
  // Replaces SQLite's automatic checkpoint on this connection.
  sqlite3_wal_hook(conn_->raw(), &GroupCommitWriter::OnWalCommit, this);
  thread_ = std::thread([this] { Loop(); });
}

int GroupCommitWriter::OnWalCommit(void* self, sqlite3* db, const char* schema,
                                   int pages) {
  if (pages < kCheckpointPages) return SQLITE_OK;
  const int rc = sqlite3_wal_checkpoint_v2(
      db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  // BUSY: a reader holds old pages; the next commit tries again.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
    static_cast<GroupCommitWriter*>(self)->FailClosedAfterCheckpoint(
        absl::UnavailableError(absl::StrCat("store: WAL checkpoint failed: ",
                                            sqlite3_errstr(rc))));
  }
  // The commit itself succeeded: the hook's answer must not change that.
  return SQLITE_OK;
}

void GroupCommitWriter::FailClosedAfterCheckpoint(const absl::Status& cause) {
  const bool first = !failed_.exchange(true);
  if (first && options_.on_failure) options_.on_failure(cause);
}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void GroupCommitWriter::Submit(WriteOp op) {
  if (failed_.load()) {
    op.done(ClosedError());
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(op));
      cv_.notify_one();
      return;
    }
  }
  op.done(absl::UnavailableError("store: the hub is shutting down"));
}

absl::Status GroupCommitWriter::SubmitAndWait(
    std::function<absl::Status(WriteTxn&)> apply) {
  std::promise<absl::Status> promise;
  auto future = promise.get_future();
  Submit(WriteOp{std::move(apply),
                 [&promise](absl::Status s) { promise.set_value(s); }});
  return future.get();
}

void GroupCommitWriter::ScrubWal() {
  scrub_.Request();
  std::lock_guard<std::mutex> lock(mu_);
  scrub_asked_ = true;
  cv_.notify_one();
}

void GroupCommitWriter::ScrubIfDue() {
  if (failed_.load() || !scrub_.pending()) return;
  if (absl::Status s =
          scrub_.RunIfDue(*conn_, std::chrono::steady_clock::now());
      !s.ok()) {
    FailClosedAfterCheckpoint(s);
  }
}

void GroupCommitWriter::Loop() {
  std::vector<WriteOp> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Woken for work, to stop, or for a scrub just asked for; a scrub
      // waiting for a reader wakes it when next due.
      const auto ready = [this] {
        return stopping_ || !queue_.empty() || scrub_asked_;
      };
      if (scrub_.pending() && !failed_.load()) {
        cv_.wait_until(lock, scrub_.next_due(), ready);
      } else {
        cv_.wait(lock, ready);
      }
      scrub_asked_ = false;
      if (queue_.empty()) {
        if (stopping_) return;  // Stopping and drained.
        lock.unlock();
        ScrubIfDue();  // Woken for the scrub alone.
        continue;
      }
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void GroupCommitWriter::RunBatch(std::vector<WriteOp>& batch) {
  if (failed_.load()) {
    for (WriteOp& op : batch) op.done(ClosedError());
    return;
  }
  if (absl::Status s = RunCached(*conn_, "BEGIN IMMEDIATE"); !s.ok()) {
    FailClosed(s, batch);
    return;
  }
  std::vector<absl::Status> results(batch.size());
  std::vector<std::function<void()>> on_commit;
  bool applied = false;  // Some operation's changes are in the transaction.
  const absl::Time now = absl::Now();
  for (size_t i = 0; i < batch.size(); ++i) {
    if (now > batch[i].deadline) {
      results[i] = absl::DeadlineExceededError(
          "deadline passed before the write was applied; nothing was written");
      continue;
    }
    if (absl::Status s = RunCached(*conn_, "SAVEPOINT op"); !s.ok()) {
      conn_->Exec("ROLLBACK").IgnoreError();
      FailClosed(s, batch);
      return;
    }
    WriteTxn txn(conn_.get());
    results[i] = ApplyGuarded(batch[i], txn);
    absl::Status end =
        RunCached(*conn_, results[i].ok() ? "RELEASE op" : "ROLLBACK TO op");
    if (end.ok() && !results[i].ok()) end = RunCached(*conn_, "RELEASE op");
    if (!end.ok()) {
      conn_->Exec("ROLLBACK").IgnoreError();
      FailClosed(end, batch);
      return;
    }
    if (results[i].ok()) {
      applied = true;
      for (auto& fn : txn.on_commit_) on_commit.push_back(std::move(fn));
    }
  }
  if (applied && options_.before_commit) {
    if (absl::Status s = options_.before_commit(*conn_); !s.ok()) {
      conn_->Exec("ROLLBACK").IgnoreError();
      FailClosed(s, batch);
      return;
    }
  }
  // A duration: on the steady clock. The deadlines above are wall times
  // (gRPC's), compared with the wall clock.
  static const SteadyClock* const kSteady = new SteadyClock;
  const Clock& steady =
      options_.steady != nullptr ? *options_.steady : *kSteady;
  const absl::Time commit_start = steady.Now();
  if (absl::Status s = RunCached(*conn_, "COMMIT"); !s.ok()) {
    // The fsync may have failed: what is on disk is unknown, and retrying
    // could acknowledge data that is not there. Fail closed.
    conn_->Exec("ROLLBACK").IgnoreError();
    FailClosed(s, batch);
    return;
  }
  commits_.fetch_add(1);
  if (options_.on_commit) {
    options_.on_commit(batch.size(), steady.Now() - commit_start);
  }
  for (auto& fn : on_commit) fn();
  // Before the answers: an erasure in this batch answers after its scrub
  // (when no reader is in the way).
  ScrubIfDue();
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(results[i]);
}

void GroupCommitWriter::FailClosed(const absl::Status& cause,
                                   std::vector<WriteOp>& batch) {
  const bool first = !failed_.exchange(true);
  // Mark the hub unhealthy before any client hears of the failure.
  if (first && options_.on_failure) options_.on_failure(cause);
  for (WriteOp& op : batch) op.done(ClosedError());
}

}  // namespace rosa::store
