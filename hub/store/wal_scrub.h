// Erasure's promise on disk: once a person is erased, no page that held
// their data may stay in the write-ahead log, where SQLite's own
// checkpoints leave old frames behind. A scrub checkpoints every frame
// into the database (whose freed cells secure_delete has zeroed) and
// truncates the log to zero bytes.
//
// A scrub needs every reader on the newest snapshot. A reader holding an
// older one (a backup copying the database, a report) makes it wait; the
// writer never blocks for it (it would hold every write). The scrub is
// tried again at most once per `retry` (after a commit, or on its own when
// the writer is idle; every 200 ms by default: each try is a passive
// checkpoint of the frames written since the last) until it succeeds; the store
// asks for one at every start, so a scrub that a crash interrupted is done
// before the hub serves for long. The reader that held it up held the erased
// person in its own snapshot, so the wait exposes nothing that reader did not
// already have.
//
// Thread-safety: Request, pending and next_due from any thread; RunIfDue
// only on the thread that owns the connection (the store's writer),
// outside a transaction.
#ifndef ROSA_HUB_STORE_WAL_SCRUB_H_
#define ROSA_HUB_STORE_WAL_SCRUB_H_

#include <atomic>
#include <chrono>
#include <cstdint>

#include "absl/status/status.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

class WalScrub {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  explicit WalScrub(std::chrono::steady_clock::duration retry =
                        std::chrono::milliseconds(200))
      : retry_(retry) {}

  // Asks for a scrub, due now.
  void Request();
  // A scrub is asked for and not yet done.
  bool pending() const { return pending_.load(); }
  // When the pending scrub may be tried (meaningful only while pending).
  SteadyTime next_due() const;

  // If pending and due at `now`: tries once, without waiting for readers.
  // A reader in the way leaves it pending for `retry`. An error only when
  // the checkpoint itself failed (an I/O error): the caller fails closed,
  // as for any failed checkpoint, and the scrub is no longer pending.
  absl::Status RunIfDue(Connection& conn, SteadyTime now);

 private:
  const std::chrono::steady_clock::duration retry_;
  std::atomic<bool> pending_{false};
  std::atomic<int64_t> next_due_ns_{0};  // steady_clock, since its epoch.
  // Tries since the request (for the log); the writer's thread only.
  int tries_ = 0;
};

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_WAL_SCRUB_H_
