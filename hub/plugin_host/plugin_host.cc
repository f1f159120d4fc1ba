#include "hub/plugin_host/plugin_host.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "hub/plugin_host/fork_server.h"

namespace rosa {

absl::StatusOr<std::shared_ptr<const LoadedPlugin>> PluginHost::LoadFile(
    const std::filesystem::path& file) const {
  if (options_.in_process) return LoadedPlugin::Load(file, options_.copy_dir);
  return LoadedPlugin::LoadInWorkers(file, options_.copy_dir, options_.workers);
}

PluginHost::Loading PluginHost::BeginLoading() const {
  Loading loading;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(options_.plugin_dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".so") {
      loading.files.push_back(entry.path());
    }
  }
  if (ec) {
    loading.listed = absl::FailedPreconditionError(
        absl::StrCat("plugin folder ", options_.plugin_dir.string(),
                     " cannot be read: ", ec.message()));
  }
  std::sort(loading.files.begin(), loading.files.end());
  if (loading.listed.ok() && !options_.in_process && !loading.files.empty()) {
    if (options_.workers.fork_server) {
      // Started now, so that it starts while the copies are hashed; and
      // from this thread, which its parent-death signal follows. If it
      // cannot start, the workers' Spawn says so (and falls back to exec).
      (void)ForkServer::Shared(options_.workers);
    }
    // Made once here rather than by every staging thread at once.
    loading.listed = EnsurePrivateDirectory(options_.copy_dir);
    for (const auto& file : loading.files) {
      if (!loading.listed.ok()) break;
      loading.staging.push_back(std::async(std::launch::async, StagePluginCopy,
                                           file, options_.copy_dir));
    }
  }
  return loading;
}

void PluginHost::StartLoading() {
  Loading loading = BeginLoading();
  std::lock_guard<std::mutex> lock(mu_);
  loading_ = std::move(loading);
}

std::vector<absl::StatusOr<std::shared_ptr<const LoadedPlugin>>>
PluginHost::FinishInWorkers(Loading& loading) const {
  // Each plugin's workers start as soon as its copy is staged, from this
  // thread only: an exec'd worker dies with the thread that started it.
  std::vector<absl::StatusOr<LoadedPlugin::Pending>> pending;
  for (auto& staged : loading.staging) {
    absl::StatusOr<StagedPlugin> copy = staged.get();
    pending.push_back(
        copy.ok() ? LoadedPlugin::SpawnWorkers(*copy, options_.workers)
                  : absl::StatusOr<LoadedPlugin::Pending>(copy.status()));
    if (!pending.back().ok()) break;
  }
  loading.staging.clear();  // Joins every staging thread.
  std::vector<absl::StatusOr<std::shared_ptr<const LoadedPlugin>>> plugins;
  for (auto& p : pending) {
    plugins.push_back(
        p.ok()
            ? LoadedPlugin::AwaitWorkers(*std::move(p))
            : absl::StatusOr<std::shared_ptr<const LoadedPlugin>>(p.status()));
  }
  return plugins;
}

absl::Status PluginHost::LoadAll() {
  std::optional<Loading> started;
  {
    std::lock_guard<std::mutex> lock(mu_);
    started.swap(loading_);
  }
  Loading loading = started.has_value() ? *std::move(started) : BeginLoading();
  if (!loading.listed.ok()) return loading.listed;
  const std::vector<std::filesystem::path>& files = loading.files;
  std::vector<absl::StatusOr<std::shared_ptr<const LoadedPlugin>>> plugins;
  if (options_.in_process) {
    for (const auto& file : files) plugins.push_back(LoadFile(file));
  } else {
    plugins = FinishInWorkers(loading);
  }
  std::map<std::string, Entry, std::less<>> loaded;
  for (size_t i = 0; i < plugins.size(); ++i) {
    const std::filesystem::path& file = files[i];
    auto& plugin = plugins[i];
    if (!plugin.ok()) return plugin.status();
    const std::string name = (*plugin)->name();
    if (loaded.count(name) != 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "plugin ", name,
          " is in two files: ", loaded[name].plugin->file().filename().string(),
          " and ", file.filename().string()));
    }
    loaded[name] = Entry{*std::move(plugin), 1};
  }
  std::lock_guard<std::mutex> lock(mu_);
  plugins_ = std::move(loaded);
  return absl::OkStatus();
}

std::shared_ptr<const LoadedPlugin> PluginHost::Find(
    std::string_view name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = plugins_.find(name);
  return it == plugins_.end() ? nullptr : it->second.plugin;
}

absl::StatusOr<PluginHost::Entry> PluginHost::Reload(std::string_view name) {
  std::filesystem::path file;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = plugins_.find(name);
    if (it == plugins_.end()) {
      // The name may be a caller's text: never echoed.
      return absl::NotFoundError("name: no plugin of that name is loaded");
    }
    file = it->second.plugin->file();
  }
  auto plugin = LoadFile(file);
  if (!plugin.ok()) return plugin.status();
  if ((*plugin)->name() != name) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", file.filename().string(), " now holds plugin ",
        (*plugin)->name(), ", not ", std::string(name)));
  }
  std::lock_guard<std::mutex> lock(mu_);
  Entry& entry = plugins_[std::string(name)];
  entry.plugin = *std::move(plugin);
  ++entry.generation;
  return entry;
}

std::vector<PluginHost::Entry> PluginHost::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Entry> out;
  for (const auto& [name, entry] : plugins_) out.push_back(entry);
  return out;
}

}  // namespace rosa
