// What the hub last signed, and the one rule the stored log must keep
// about it. Every checkpoint the hub signs (AuditService.GetCheckpoint, the
// console's audit page, `rosa-hub audit checkpoint`, `rosa-hub backup`) is
// recorded in <data-dir>/audit-checkpoint.last as
//   "<unix seconds> <tree size> <root hash, 64 hex digits>\n"
// The metrics read its time (rosa_hub_audit_checkpoint_age_seconds), so an
// operator is alerted when nobody has kept a checkpoint for a day; the
// audit keeper (audit_keeper.h) and `rosa-hub audit verify` read its size
// and root as the floor of the log: a log that no longer holds what the
// hub signed lost entries. A file of the older form "<unix seconds> <tree
// size>" (before the root was recorded) still reads, with no root: then
// only the size is checked until the next checkpoint replaces it.
//
// The file lives in the data directory, so it stops someone who changes
// the database alone; someone who can also rewrite this file can move the
// floor. Only checkpoints kept outside the hub prove the log against both.
//
// Thread-safety: functions keep no state. Writes replace the file
// atomically; the audit keeper serializes its own (audit_keeper.h).
#ifndef ROSA_HUB_AUDIT_CHECKPOINT_MARK_H_
#define ROSA_HUB_AUDIT_CHECKPOINT_MARK_H_

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa::audit {

struct CheckpointMark {
  absl::Time signed_at;
  uint64_t tree_size = 0;
  // The signed root (kHashSize raw bytes); empty when read from a file of
  // the older two-field form.
  std::string root_hash;
};

// <data_dir>/audit-checkpoint.last.
std::filesystem::path CheckpointMarkPath(const std::filesystem::path& data_dir);

// Replaces the mark atomically. INVALID_ARGUMENT unless mark.root_hash is
// kHashSize bytes (every new mark records its root).
absl::Status WriteCheckpointMark(const std::filesystem::path& data_dir,
                                 const CheckpointMark& mark);

// NOT_FOUND when no checkpoint was ever marked; INVALID_ARGUMENT when the
// file is of neither form.
absl::StatusOr<CheckpointMark> ReadCheckpointMark(
    const std::filesystem::path& data_dir);

// The rule: OK iff the log whose leaf hashes are `leaf_hashes` (in order)
// still holds what `mark` records as signed, that is at least
// mark.tree_size entries and, when the mark has a root, a tree of its first
// mark.tree_size entries with that root (recomputed with merkle.h's
// RootHash). Otherwise DATA_LOSS; the message names both sizes, never an
// entry or a hash.
absl::Status CheckLogKeepsMark(std::span<const std::string> leaf_hashes,
                               const CheckpointMark& mark);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_CHECKPOINT_MARK_H_
