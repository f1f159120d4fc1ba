#include "hub/plugin_host/plugin_host.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace rosa {

absl::StatusOr<std::shared_ptr<const LoadedPlugin>> PluginHost::LoadFile(
    const std::filesystem::path& file) const {
  if (options_.in_process) return LoadedPlugin::Load(file, options_.copy_dir);
  return LoadedPlugin::LoadInWorkers(file, options_.copy_dir, options_.workers);
}

absl::Status PluginHost::LoadAll() {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(options_.plugin_dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".so") {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin folder ", options_.plugin_dir.string(),
                     " cannot be read: ", ec.message()));
  }
  std::sort(files.begin(), files.end());
  // Every plugin's workers start before any is waited for, so they all
  // load at once. The errors come in file order.
  std::vector<absl::StatusOr<std::shared_ptr<const LoadedPlugin>>> plugins;
  if (options_.in_process) {
    for (const auto& file : files) plugins.push_back(LoadFile(file));
  } else {
    std::vector<absl::StatusOr<LoadedPlugin::Pending>> pending;
    for (const auto& file : files) {
      pending.push_back(LoadedPlugin::SpawnWorkers(file, options_.copy_dir,
                                                   options_.workers));
      if (!pending.back().ok()) break;
    }
    for (auto& p : pending) {
      plugins.push_back(
          p.ok() ? LoadedPlugin::AwaitWorkers(*std::move(p))
                 : absl::StatusOr<std::shared_ptr<const LoadedPlugin>>(
                       p.status()));
    }
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
