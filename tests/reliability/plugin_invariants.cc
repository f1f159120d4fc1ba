#include "tests/reliability/plugin_invariants.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

absl::StatusOr<std::string> DecodeNow(
    const PluginHost& plugins, const std::string& name,
    const rosa::plugin::v1::DecodeRequest& r) {
  auto plugin = plugins.Find(name);
  if (plugin == nullptr) return absl::NotFoundError(name + " is not loaded");
  auto decoded = plugin->Decode(r);
  if (!decoded.ok()) return decoded.status();
  return decoded->SerializeAsString();
}

}  // namespace

absl::StatusOr<PluginInvariants> PluginInvariants::Start(
    HubRig& rig, const std::filesystem::path& plugin_dir, const Partner& sender,
    const v1::IngestRequest& sample) {
  PluginInvariants out;
  out.plugin_dir_ = plugin_dir;
  out.sample_plugin_ = sender.plugin;
  out.sample_.set_content_type(sample.content_type());
  out.sample_.set_payload(sample.payload());
  out.sample_.mutable_sender()->set_partner_id(sender.id);
  out.sample_.mutable_sender()->set_kind(sender.kind);
  auto decoded =
      DecodeNow(*rig.shared().plugins, out.sample_plugin_, out.sample_);
  if (!decoded.ok()) return decoded.status();
  out.decoded_ = *std::move(decoded);
  auto list = rig.plugin_admin().List(rig.shared().P("rosa"), {});
  if (!list.ok()) return list.status();
  for (const v1::LoadedPlugin& p : list->plugins()) {
    out.generations_[p.name()] = p.generation();
  }
  return out;
}

std::vector<std::string> PluginInvariants::Check(HubRig& rig) {
  std::vector<std::string> out;
  auto list = rig.plugin_admin().List(rig.shared().P("rosa"), {});
  if (!list.ok()) {
    return {absl::StrCat("plugins: ROSA cannot list them: ",
                         list.status().message())};
  }
  if (static_cast<size_t>(list->plugins_size()) != generations_.size()) {
    out.push_back(absl::StrCat("plugins: ", list->plugins_size(), " listed, ",
                               generations_.size(), " before"));
  }
  for (const v1::LoadedPlugin& p : list->plugins()) {
    auto it = generations_.find(p.name());
    if (it == generations_.end()) {
      out.push_back("plugins: " + p.name() + " was not loaded before");
      continue;
    }
    if (p.generation() < it->second) {
      out.push_back(absl::StrCat("plugins: ", p.name(),
                                 "'s generation fell from ", it->second, " to ",
                                 p.generation()));
    } else {
      reloads_ += p.generation() - it->second;
      it->second = p.generation();
    }
    auto loaded = rig.shared().plugins->Find(p.name());
    if (loaded == nullptr || loaded->file().parent_path() != plugin_dir_ ||
        loaded->file().filename() != p.file()) {
      out.push_back("plugins: " + p.name() +
                    " is not loaded from its file in the plugin folder");
    }
  }
  auto decoded = DecodeNow(*rig.shared().plugins, sample_plugin_, sample_);
  if (!decoded.ok()) {
    out.push_back(
        absl::StrCat("plugins: ", sample_plugin_,
                     " no longer decodes: ", decoded.status().message()));
  } else if (*decoded != decoded_) {
    out.push_back("plugins: " + sample_plugin_ +
                  " decodes an accepted payload differently");
  }
  return out;
}

}  // namespace rosa::reliability
