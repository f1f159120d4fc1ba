// Checks a store reopened after a power cut or an I/O fault against the
// Ledger of the workload that ran before it: the database is intact, every
// acknowledged operation is there exactly once, nothing else is there but
// possibly the one operation in flight, and that one whole or not at all
// (the referral, person or consent with its audit entries and events), the
// audit log verifies (also against the checkpoint signed after the last
// acknowledgement), and every partner's outbox has cursors 1..last without
// a gap.
//
// Thread-safety: one thread; the rig must be idle.
#ifndef ROSA_TESTS_RELIABILITY_RECOVERY_CHECK_H_
#define ROSA_TESTS_RELIABILITY_RECOVERY_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tests/reliability/hub_rig.h"
#include "tests/reliability/workload.h"

namespace rosa::reliability {

struct RecoveryResult {
  // Acknowledged operations whose effect is missing or undone.
  uint64_t lost_acked = 0;
  // Every problem found, lost acknowledged writes included; names ids and
  // table names only.
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};

// Reads and checks everything; then, if `replay`, sends every acknowledged
// operation again (same idempotency key) and checks that each is answered
// with its first result and that no row was added.
// REQUIRES: `rig` is the store reopened on a healthy VFS.
RecoveryResult CheckRecovered(HubRig& rig, const Ledger& ledger,
                              bool replay = true);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_RECOVERY_CHECK_H_
