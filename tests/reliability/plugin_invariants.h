// What must hold of the plugins after any sequence of requests (the API
// fuzzer reloads them as ROSA, and sends untrusted names): the same plugins
// stay loaded, each from its file in the plugin folder; every plugin's
// generation (PluginAdmin.ListPlugins) only rises; and ks-csv, reloaded or
// not, still decodes a payload the hub accepted before into the same
// records.
//
// Thread-safety: one thread; the rig must be idle.
#ifndef ROSA_TESTS_RELIABILITY_PLUGIN_INVARIANTS_H_
#define ROSA_TESTS_RELIABILITY_PLUGIN_INVARIANTS_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "rosa/plugin/v1/plugin.pb.h"
#include "tests/reliability/hub_rig.h"

namespace rosa::reliability {

class PluginInvariants {
 public:
  // Remembers the plugins `rig` lists now, and what the plugin of `sender`
  // makes of `sample` (a payload it accepted).
  static absl::StatusOr<PluginInvariants> Start(
      HubRig& rig, const std::filesystem::path& plugin_dir,
      const Partner& sender, const rosa::hub::v1::IngestRequest& sample);

  // Every rule broken since Start or the last Check.
  std::vector<std::string> Check(HubRig& rig);

  // Reloads seen so far (the generations' rise over all plugins).
  uint64_t reloads() const { return reloads_; }

 private:
  PluginInvariants() = default;

  std::filesystem::path plugin_dir_;
  std::string sample_plugin_;
  rosa::plugin::v1::DecodeRequest sample_;
  std::string decoded_;  // Serialized DecodeResponse.
  std::map<std::string, uint32_t> generations_;
  uint64_t reloads_ = 0;
};

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_PLUGIN_INVARIANTS_H_
