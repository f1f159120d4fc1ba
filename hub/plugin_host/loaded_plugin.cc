#include "hub/plugin_host/loaded_plugin.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "hub/common/status_macros.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/plugin_library.h"
#include "hub/plugin_host/worker_pool.h"

namespace rosa {

namespace pv1 = rosa::plugin::v1;

absl::StatusOr<std::shared_ptr<const LoadedPlugin>> LoadedPlugin::Load(
    const std::filesystem::path& file, const std::filesystem::path& copy_dir) {
  ASSIGN_OR_RETURN(const StagedPlugin staged, StagePluginCopy(file, copy_dir));
  ASSIGN_OR_RETURN(std::shared_ptr<const PluginLibrary> library,
                   PluginLibrary::Open(staged));
  auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
  plugin->file_ = file;
  plugin->sha256_ = staged.sha256;
  plugin->manifest_ = library->manifest();
  plugin->runner_ = std::move(library);
  return std::shared_ptr<const LoadedPlugin>(std::move(plugin));
}

absl::StatusOr<std::shared_ptr<const LoadedPlugin>> LoadedPlugin::LoadInWorkers(
    const std::filesystem::path& file, const std::filesystem::path& copy_dir,
    const PluginWorkerOptions& workers) {
  ASSIGN_OR_RETURN(const StagedPlugin staged, StagePluginCopy(file, copy_dir));
  ASSIGN_OR_RETURN(Pending pending, SpawnWorkers(staged, workers));
  return AwaitWorkers(std::move(pending));
}

absl::StatusOr<LoadedPlugin::Pending> LoadedPlugin::SpawnWorkers(
    const StagedPlugin& staged, const PluginWorkerOptions& workers) {
  ASSIGN_OR_RETURN(WorkerPool::Pending pool,
                   WorkerPool::Spawn(workers, staged));
  return Pending{staged.file, workers, std::move(pool)};
}

absl::StatusOr<std::shared_ptr<const LoadedPlugin>> LoadedPlugin::AwaitWorkers(
    Pending pending) {
  auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
  plugin->sha256_ = pending.pool.staged.sha256;
  ASSIGN_OR_RETURN(plugin->runner_,
                   WorkerPool::Await(pending.workers, std::move(pending.pool),
                                     &plugin->manifest_));
  plugin->file_ = pending.file;
  return std::shared_ptr<const LoadedPlugin>(std::move(plugin));
}

bool LoadedPlugin::Decodes(std::string_view content_type) const {
  return std::find(manifest_.decodes().begin(), manifest_.decodes().end(),
                   content_type) != manifest_.decodes().end();
}

absl::StatusOr<pv1::DecodeResponse> LoadedPlugin::Decode(
    const pv1::DecodeRequest& request) const {
  // A payload is known by its bytes, whoever sends it and however often.
  ASSIGN_OR_RETURN(
      const std::string bytes,
      runner_->Run(PluginCall::kDecode, request.SerializeAsString(),
                   Sha256(request.payload()), request.sender().partner_id()));
  pv1::DecodeResponse response;
  if (!response.ParseFromString(bytes)) {
    return absl::InternalError(
        absl::StrCat("plugin ", name(), ": decode answer does not parse"));
  }
  return response;
}

absl::StatusOr<pv1::EncodeResponse> LoadedPlugin::Encode(
    const pv1::EncodeRequest& request) const {
  const std::string in = request.SerializeAsString();
  ASSIGN_OR_RETURN(const std::string bytes,
                   runner_->Run(PluginCall::kEncode, in,
                                Sha256(request.event().SerializeAsString()),
                                request.recipient().partner_id()));
  pv1::EncodeResponse response;
  if (!response.ParseFromString(bytes)) {
    return absl::InternalError(
        absl::StrCat("plugin ", name(), ": encode answer does not parse"));
  }
  return response;
}

}  // namespace rosa
