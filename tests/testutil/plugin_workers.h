// PluginWorkersTest: the base fixture of the plugin host's tests that run
// plugins in real worker processes, as the hub runs them: workers started
// from the real rosa-hub executable (its `plugin-worker` and
// `plugin-fork-server` subcommands), a call cut at 500 ms, 256 MiB a
// worker, the plugin files copied into a fresh TempDir. With it, the
// misbehaving test plugin (tests/plugins/misbehaving) and the call that
// makes it misbehave.
//
// Example:
//   class MyTest : public rosa::testutil::PluginWorkersTest {};
//   TEST_F(MyTest, ACrashIsUnavailable) {
//     auto plugin = Load(MisbehavingPlugin());
//     ASSERT_NE(plugin, nullptr);
//     EXPECT_EQ(Misbehave(*plugin, "segv").status().code(),
//               absl::StatusCode::kUnavailable);
//   }
//
// Thread-safety: a fixture is used by its test's thread; Misbehave may run
// from many threads at once (LoadedPlugin is thread-safe).
#ifndef ROSA_TESTS_TESTUTIL_PLUGIN_WORKERS_H_
#define ROSA_TESTS_TESTUTIL_PLUGIN_WORKERS_H_

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "hub/plugin_host/loaded_plugin.h"
#include "hub/plugin_host/worker_options.h"
#include "rosa/plugin/v1/plugin.pb.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testutil {

// The real rosa-hub executable, as built beside the tests.
std::filesystem::path HubBinary();

// Runs HubBinary() with `args` by hand (stdin, stdout and stderr on
// /dev/null, no socket from a hub) and returns its exit status, -1 if it
// did not exit.
int HubExitStatus(const std::string& args);

// The misbehaving test plugin's library.
std::filesystem::path MisbehavingPlugin();

// Asks the misbehaving plugin, in one Decode call, to do `what`: "fine",
// "segv", "abort", "loop", "alloc", "open", "connect", "double", "wrongid",
// "pid" (see tests/plugins/misbehaving).
absl::StatusOr<rosa::plugin::v1::DecodeResponse> Misbehave(
    const LoadedPlugin& plugin, std::string what);
// The same, sent by partner `sender`.
absl::StatusOr<rosa::plugin::v1::DecodeResponse> MisbehaveAs(
    const LoadedPlugin& plugin, const std::string& sender, std::string what);

class PluginWorkersTest : public ::testing::Test {
 protected:
  PluginWorkersTest();

  // `file` loaded in workers with options_ as they are now; nullptr, and a
  // test failure naming why, if it does not load.
  std::shared_ptr<const LoadedPlugin> Load(const std::filesystem::path& file);

  TempDir dir_;
  PluginWorkerOptions options_;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_PLUGIN_WORKERS_H_
