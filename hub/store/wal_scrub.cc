#include "hub/store/wal_scrub.h"

#include "spdlog/spdlog.h"

namespace rosa::store {
namespace {

int64_t Ns(WalScrub::SteadyTime t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             t.time_since_epoch())
      .count();
}

}  // namespace

void WalScrub::Request() {
  next_due_ns_.store(Ns(std::chrono::steady_clock::now()));
  pending_.store(true);
}

WalScrub::SteadyTime WalScrub::next_due() const {
  return SteadyTime(std::chrono::nanoseconds(next_due_ns_.load()));
}

absl::Status WalScrub::RunIfDue(Connection& conn, SteadyTime now) {
  if (!pending_.load() || Ns(now) < next_due_ns_.load()) {
    return absl::OkStatus();
  }
  ++tries_;
  bool blocked = false;
  absl::Status error;
  {
    // Never wait for a reader here: the writer's thread runs this.
    sqlite3_busy_timeout(conn.raw(), 0);
    absl::StatusOr<StatementHandle> stmt =
        conn.Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    absl::StatusOr<bool> row = stmt.ok() ? (*stmt)->Step() : stmt.status();
    if (row.ok()) {
      blocked = *row && (*stmt)->ColumnInt(0) != 0;
    } else if ((sqlite3_errcode(conn.raw()) & 0xff) == SQLITE_BUSY) {
      blocked = true;  // A reader, reported as an error rather than a row.
    } else {
      error = row.status();
    }
    sqlite3_busy_timeout(conn.raw(), kBusyTimeoutMs);
  }
  if (!blocked) {
    if (error.ok() && tries_ > 1) {
      spdlog::info("store: WAL scrubbed after erasure ({} tries)", tries_);
    }
    pending_.store(false);
    tries_ = 0;
    return error;
  }
  if (tries_ == 1) {
    spdlog::warn(
        "store: WAL scrub after erasure waits for a reader of an older "
        "snapshot (a backup or report); tried again every {} ms",
        std::chrono::duration_cast<std::chrono::milliseconds>(retry_).count());
  }
  next_due_ns_.store(Ns(now + retry_));
  return absl::OkStatus();
}

}  // namespace rosa::store
