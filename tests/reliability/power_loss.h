// The power-loss campaign: for each cut, a fresh store (a copy of an empty
// one with the schema) opened through the CrashVfs, a seeded random
// workload through the real desks, the power cut at a random operation
// (or after the last one), the cut applied to the files (lost, torn or
// reordered unsynced writes), the store reopened on the default VFS and
// checked with CheckRecovered. Cut i uses seed first_seed + i, so every
// cut is a distinct (workload, cut point) pair and any one can be rerun.
//
// Thread-safety: one campaign per process at a time (one CrashVfs).
#ifndef ROSA_TESTS_RELIABILITY_POWER_LOSS_H_
#define ROSA_TESTS_RELIABILITY_POWER_LOSS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/reliability/crash_vfs.h"

namespace rosa::reliability {

struct CampaignOptions {
  // A directory the campaign may fill (it makes sub-directories).
  std::filesystem::path work_dir;
  uint64_t cuts = 200;
  uint64_t first_seed = 1;
  // Stop early when this much time has passed.
  absl::Duration budget = absl::InfiniteDuration();
  // Operations per workload at most.
  int max_ops = 24;
  // A disk that lies about fsync (CrashVfs::SetLyingSyncs): the checks
  // must then find lost writes.
  bool lying_disk = false;
};

struct CampaignFigures {
  uint64_t cuts = 0;
  uint64_t cuts_mid_workload = 0;  // the power went during an operation
  uint64_t acked_ops = 0;
  uint64_t acked_ingests = 0;  // payloads applied through a real plugin
  uint64_t lost_acked = 0;
  uint64_t failed_cuts = 0;  // cuts with any problem
  CrashVfs::CutReport vfs;   // summed over the cuts
  absl::Duration elapsed;
  // The first problems found (seed and what), at most 20.
  std::vector<std::string> problems;

  // "lost acknowledged writes over N cuts = X" and the other figures.
  std::string Summary() const;
};

// REQUIRES: `vfs` is registered and used by nothing else.
absl::StatusOr<CampaignFigures> RunPowerLossCampaign(
    const CampaignOptions& options, CrashVfs& vfs);

// The process's CrashVfs, registered as "rosa-crash" on first use.
CrashVfs& TheCrashVfs();

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_POWER_LOSS_H_
