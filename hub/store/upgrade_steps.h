// One-time upgrade steps: the work a hub does on a database that an older
// hub (or a lost key) left behind - free text sealed after the fact,
// request hashes made under another key forgotten. Such a step walks whole
// tables, so it runs once, not at every start: when it is done its name is
// recorded in the database (table upgrade_steps) with a mark saying for
// what it was done (the version of the step, or the id of the key it
// checked against). The next start finds the same mark and skips the walk;
// a database from an older hub (no record: the table comes with schema 8)
// or a changed mark (a new request key, a step that now does more) runs it
// again. The record lives in the database, so it travels with a backup.
//
// Thread-safety: functions take the connection of the calling thread.
// REQUIRES: called inside a write transaction (the writer thread), so the
// step and its record commit together.
#ifndef ROSA_HUB_STORE_UPGRADE_STEPS_H_
#define ROSA_HUB_STORE_UPGRADE_STEPS_H_

#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

// The mark `step` was last done with; empty if it never ran here.
absl::StatusOr<std::string> UpgradeStepMark(Connection& conn,
                                            std::string_view step);

// Runs `work` unless `step` is recorded as done with `mark`, then records
// it so. True if `work` ran. An error from `work` records nothing (and
// the caller's transaction rolls the work back).
// REQUIRES: `mark` is not empty.
absl::StatusOr<bool> RunUpgradeStepOnce(Connection& conn, std::string_view step,
                                        std::string_view mark,
                                        absl::FunctionRef<absl::Status()> work);

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_UPGRADE_STEPS_H_
