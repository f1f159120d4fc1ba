// The plugins the hub runs: every plugin library in the plugin folder,
// loaded at start-up, looked up by name, listed and reloaded. Each plugin
// runs in sandboxed worker processes, a pool per partner (worker_pool.h); only
// unit tests and the benchmark's baseline map plugins into this process
// (Options::in_process). A plugin that
// fails its checks stops start-up with an error naming the file and the
// mismatch; a reload that fails keeps the current version.
//
// Thread-safety: all methods may be called from any thread (StartLoading
// and LoadAll: see StartLoading's REQUIRES). Find returns a
// shared pointer, so a call keeps using the version it started with while a
// reload switches later calls to the new one.
#ifndef ROSA_HUB_PLUGIN_HOST_PLUGIN_HOST_H_
#define ROSA_HUB_PLUGIN_HOST_PLUGIN_HOST_H_

#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "hub/plugin_host/loaded_plugin.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/worker_options.h"

namespace rosa {

class PluginHost {
 public:
  struct Options {
    // Where lib<name>.so files are found.
    std::filesystem::path plugin_dir;
    // Private folder for the content-addressed copies that are mapped.
    std::filesystem::path copy_dir;
    // How the workers run (ignored in_process).
    PluginWorkerOptions workers;
    // Map the plugins into this process instead of running them in
    // workers: for unit tests and the benchmark's baseline, never the hub.
    bool in_process = false;

    static Options InWorkers(std::filesystem::path plugin_dir,
                             std::filesystem::path copy_dir,
                             PluginWorkerOptions workers) {
      Options o;
      o.plugin_dir = std::move(plugin_dir);
      o.copy_dir = std::move(copy_dir);
      o.workers = std::move(workers);
      return o;
    }
    static Options InProcess(std::filesystem::path plugin_dir,
                             std::filesystem::path copy_dir) {
      Options o;
      o.plugin_dir = std::move(plugin_dir);
      o.copy_dir = std::move(copy_dir);
      o.in_process = true;
      return o;
    }
  };

  struct Entry {
    std::shared_ptr<const LoadedPlugin> plugin;
    // How many versions of it were loaded in this process.
    uint32_t generation = 0;
  };

  explicit PluginHost(Options options) : options_(std::move(options)) {}

  // Loads every *.so in plugin_dir. Two libraries with one plugin name are
  // an error. In workers, all at once: the copies are staged on a thread
  // each while the fork server starts, each plugin's workers start as soon
  // as its copy is staged, and all are then awaited.
  absl::Status LoadAll();

  // LoadAll's first part, for a caller with other start-up work to do
  // meanwhile: lists plugin_dir, starts the fork server and the staging of
  // every copy, and returns at once; LoadAll then starts the workers and
  // waits for them. REQUIRES: at most once before each LoadAll, on the
  // thread that calls that LoadAll (the workers are started from it).
  void StartLoading();

  // The current version, or null.
  std::shared_ptr<const LoadedPlugin> Find(std::string_view name) const;

  // Loads the plugin's file again and switches to it.
  absl::StatusOr<Entry> Reload(std::string_view name);

  // Sorted by name.
  std::vector<Entry> List() const;

  const Options& options() const { return options_; }

 private:
  absl::StatusOr<std::shared_ptr<const LoadedPlugin>> LoadFile(
      const std::filesystem::path& file) const;
  // What StartLoading began: the plugin files (or why the folder could not
  // be listed) and, in workers, each file's staging. The futures of
  // std::async join their threads when destroyed.
  struct Loading {
    absl::Status listed;
    std::vector<std::filesystem::path> files;
    std::vector<std::future<absl::StatusOr<StagedPlugin>>> staging;
  };
  Loading BeginLoading() const;
  // Starts each plugin's workers once its copy is staged and awaits them
  // all; in file order, and nothing more after the first failure.
  std::vector<absl::StatusOr<std::shared_ptr<const LoadedPlugin>>>
  FinishInWorkers(Loading& loading) const;

  const Options options_;
  mutable std::mutex mu_;
  std::optional<Loading> loading_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Entry, std::less<>> plugins_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_PLUGIN_HOST_H_
