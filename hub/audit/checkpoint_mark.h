// When the audit log was last checkpointed: every signed checkpoint (the
// hub's AuditService.GetCheckpoint and `rosa-hub audit checkpoint`) writes
// "<unix seconds> <tree size>" to <data-dir>/audit-checkpoint.last, and the
// hub's metrics read it (rosa_hub_audit_checkpoint_age_seconds), so an
// operator is alerted when nobody has kept a checkpoint for a day.
//
// Thread-safety: functions keep no state; concurrent writers race and the
// last rename wins, which is fine for a time stamp.
#ifndef ROSA_HUB_AUDIT_CHECKPOINT_MARK_H_
#define ROSA_HUB_AUDIT_CHECKPOINT_MARK_H_

#include <cstdint>
#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa::audit {

struct CheckpointMark {
  absl::Time signed_at;
  uint64_t tree_size = 0;
};

// <data_dir>/audit-checkpoint.last.
std::filesystem::path CheckpointMarkPath(const std::filesystem::path& data_dir);

// Replaces the mark atomically.
absl::Status WriteCheckpointMark(const std::filesystem::path& data_dir,
                                 const CheckpointMark& mark);

// NOT_FOUND when no checkpoint was ever marked; INVALID_ARGUMENT when the
// file does not parse.
absl::StatusOr<CheckpointMark> ReadCheckpointMark(
    const std::filesystem::path& data_dir);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_CHECKPOINT_MARK_H_
