#include "tests/testutil/plugin_workers.h"

#include <sys/wait.h>

#include <cstdlib>
#include <utility>

namespace rosa::testutil {

namespace fs = std::filesystem;
namespace pv1 = rosa::plugin::v1;

fs::path HubBinary() { return ROSA_HUB_BINARY; }

int HubExitStatus(const std::string& args) {
  const std::string command =
      HubBinary().string() + " " + args + " </dev/null >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path MisbehavingPlugin() {
  return fs::path(MISBEHAVING_PLUGIN_DIR) / "libmisbehaving.so";
}

absl::StatusOr<pv1::DecodeResponse> Misbehave(const LoadedPlugin& plugin,
                                              std::string what) {
  return MisbehaveAs(plugin, "", std::move(what));
}

absl::StatusOr<pv1::DecodeResponse> MisbehaveAs(const LoadedPlugin& plugin,
                                                const std::string& sender,
                                                std::string what) {
  pv1::DecodeRequest r;
  r.set_content_type("text/plain; profile=misbehaving-1");
  r.set_payload(std::move(what));
  r.mutable_sender()->set_partner_id(sender);
  return plugin.Decode(r);
}

PluginWorkersTest::PluginWorkersTest() {
  options_.executable = HubBinary();
  options_.call_deadline = absl::Milliseconds(500);
  options_.memory_mib = 256;
}

std::shared_ptr<const LoadedPlugin> PluginWorkersTest::Load(
    const fs::path& file) {
  auto plugin =
      LoadedPlugin::LoadInWorkers(file, dir_.path() / "copies", options_);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  return plugin.ok() ? *plugin : nullptr;
}

}  // namespace rosa::testutil
