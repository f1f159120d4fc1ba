// How the hub runs plugin workers: how many per partner, how long one call
// may take, when a payload is refused, and the limits each worker runs
// under. The flags of `rosa-hub serve` fill it (hub/cli/plugin_worker_flags.h).
//
// Thread-safety: a plain value.
#ifndef ROSA_HUB_PLUGIN_HOST_WORKER_OPTIONS_H_
#define ROSA_HUB_PLUGIN_HOST_WORKER_OPTIONS_H_

#include <cstdint>
#include <filesystem>

#include "absl/time/time.h"

namespace rosa {

// The executable that runs `plugin-worker` which sits beside the running
// program: rosa-plugin-worker (hub/cli/plugin_worker_main.cc), which links
// only what a worker needs and so starts in a few milliseconds.
inline constexpr char kWorkerExecutableName[] = "rosa-plugin-worker";

// kWorkerExecutableName in the folder of the running executable if it is
// there (a regular, executable file), else the running executable itself
// (/proc/self/exe: rosa-hub has the same `plugin-worker` subcommand).
std::filesystem::path DefaultWorkerExecutable();

struct PluginWorkerOptions {
  // The executable a worker is started from (`<it> plugin-worker`).
  std::filesystem::path executable = DefaultWorkerExecutable();
  // Fork every worker from the one plugin fork server (fork_server.h),
  // exec'd once, instead of exec'ing each worker.
  bool fork_server = true;
  // Workers per partner of a plugin (each started on first need): calls of
  // one partner to one plugin run this many at once.
  int workers_per_partner = 2;
  // A call that takes longer kills its worker (UNAVAILABLE).
  absl::Duration call_deadline = absl::Seconds(2);
  // A worker that has not loaded its plugin by then is killed.
  absl::Duration start_deadline = absl::Seconds(10);
  // A payload that crashed or timed out this many workers is refused
  // (INVALID_ARGUMENT) instead of being run again.
  int poison_after = 3;
  // Address-space limit of a worker (RLIMIT_AS).
  uint64_t memory_mib = 1024;
  // CPU-time limit of a worker (RLIMIT_CPU); a worker that has used half
  // of it asks to be replaced after its current call.
  uint32_t cpu_seconds = 600;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_WORKER_OPTIONS_H_
