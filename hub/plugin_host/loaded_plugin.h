// One plugin as the hub's core calls it: its manifest, the file it came
// from, and where its code runs (plugin_runner.h). In production the code
// runs in sandboxed worker processes (worker_pool.h) and the hub maps no
// plugin code at all: the library is checked, copied into a private folder
// under a name made from its SHA-256 (plugin_file.h) and mapped only by the
// workers, which run the same checks as the in-process path
// (plugin_library.h). Unit tests and the benchmark's baseline load it into
// the calling process instead.
//
// Thread-safety: a LoadedPlugin is immutable; Decode and Encode may be
// called from any thread at once.
#ifndef ROSA_HUB_PLUGIN_HOST_LOADED_PLUGIN_H_
#define ROSA_HUB_PLUGIN_HOST_LOADED_PLUGIN_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/plugin_runner.h"
#include "hub/plugin_host/worker_options.h"
#include "hub/plugin_host/worker_pool.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

class LoadedPlugin {
 public:
  // Copies `file` into `copy_dir` (made 0700 if missing), maps the copy into
  // this process and checks it. FAILED_PRECONDITION names the file and what
  // does not match. For unit tests and benchmarks only.
  static absl::StatusOr<std::shared_ptr<const LoadedPlugin>> Load(
      const std::filesystem::path& file, const std::filesystem::path& copy_dir);

  // The same, but the copy is mapped and run only by worker processes
  // started as `workers` says; their load errors come back unchanged.
  static absl::StatusOr<std::shared_ptr<const LoadedPlugin>> LoadInWorkers(
      const std::filesystem::path& file, const std::filesystem::path& copy_dir,
      const PluginWorkerOptions& workers);

  // LoadInWorkers in three steps, so that many plugins load at once:
  // StagePluginCopy (plugin_file.h; from any thread), SpawnWorkers starts
  // the workers of the staged copy, AwaitWorkers waits for them.
  // REQUIRES: as WorkerPool::Spawn.
  struct Pending {
    std::filesystem::path file;
    PluginWorkerOptions workers;
    WorkerPool::Pending pool;
  };
  static absl::StatusOr<Pending> SpawnWorkers(
      const StagedPlugin& staged, const PluginWorkerOptions& workers);
  static absl::StatusOr<std::shared_ptr<const LoadedPlugin>> AwaitWorkers(
      Pending pending);

  const rosa::plugin::v1::PluginManifest& manifest() const { return manifest_; }
  const std::string& name() const { return manifest_.name(); }
  // The file it was loaded from (not the private copy).
  const std::filesystem::path& file() const { return file_; }
  // Hex SHA-256 of the library.
  const std::string& file_sha256() const { return sha256_; }
  // Its worker processes; empty when it runs in this process.
  std::vector<WorkerState> workers() const { return runner_->Workers(); }

  bool Decodes(std::string_view content_type) const;

  // Each runs in the workers of the request's partner (the sender of a
  // payload, the recipient of an event; worker_pool.h).
  // INTERNAL when the plugin fails (throws) or answers garbage; UNAVAILABLE
  // when its worker crashed or overran the deadline; INVALID_ARGUMENT for a
  // payload that did so too often. The message names the plugin and never
  // carries anything from the payload.
  absl::StatusOr<rosa::plugin::v1::DecodeResponse> Decode(
      const rosa::plugin::v1::DecodeRequest& request) const;
  absl::StatusOr<rosa::plugin::v1::EncodeResponse> Encode(
      const rosa::plugin::v1::EncodeRequest& request) const;

 private:
  LoadedPlugin() = default;

  std::filesystem::path file_;
  std::string sha256_;
  std::shared_ptr<const PluginRunner> runner_;
  rosa::plugin::v1::PluginManifest manifest_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_LOADED_PLUGIN_H_
