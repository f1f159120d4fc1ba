// One plugin library mapped into the calling process and checked against
// it: the entry point is exported, its API version is this build's, it was
// built against the same proto descriptors (fingerprint), and its manifest
// parses and agrees. The same checks run wherever a plugin is mapped: in a
// plugin worker (hub/plugin_host/worker_main.h) in production, in the test
// process for unit tests and the benchmark's in-process baseline.
//
// Libraries are never unloaded: a call may still run in one, and its code
// may own memory or static objects that outlive the call.
//
// Thread-safety: immutable once opened; Run may be called from any thread.
#ifndef ROSA_HUB_PLUGIN_HOST_PLUGIN_LIBRARY_H_
#define ROSA_HUB_PLUGIN_HOST_PLUGIN_LIBRARY_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "hub/plugin_host/plugin_file.h"
#include "hub/plugin_host/plugin_runner.h"
#include "plugins/sdk/plugin_abi.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

class PluginLibrary : public PluginRunner {
 public:
  // Checks the staged copy again (CheckStagedCopy), maps it and checks it.
  // FAILED_PRECONDITION names the plugin file and what does not match.
  static absl::StatusOr<std::shared_ptr<const PluginLibrary>> Open(
      const StagedPlugin& staged);

  // Does once in this process what every Open checks against (this build's
  // descriptor fingerprint, and with it protobuf's descriptor pool), so
  // that processes forked afterwards inherit it instead of each doing it.
  static void Prepare();

  const rosa::plugin::v1::PluginManifest& manifest() const { return manifest_; }

  // INTERNAL when the plugin fails (throws) or cannot read the request; the
  // message never carries anything the plugin wrote.
  absl::StatusOr<std::string> Run(PluginCall call, std::string_view request,
                                  std::string_view payload_key,
                                  std::string_view partner_id) const override;

 private:
  PluginLibrary() = default;

  const RosaPluginV1* table_ = nullptr;
  rosa::plugin::v1::PluginManifest manifest_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_PLUGIN_LIBRARY_H_
