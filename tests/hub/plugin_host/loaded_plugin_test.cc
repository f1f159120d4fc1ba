#include "hub/plugin_host/loaded_plugin.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/plugin_host/plugin_host.h"
#include "plugins/sdk/plugin_abi.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace pv1 = rosa::plugin::v1;
using ::testing::HasSubstr;
using testutil::TempDir;

const fs::path kPlugins = TEST_PLUGINS_DIR;

pv1::DecodeRequest Request(std::string payload) {
  pv1::DecodeRequest r;
  r.set_content_type("text/plain; profile=test-1");
  r.set_payload(std::move(payload));
  return r;
}

TEST(LoadedPluginTest, LoadsAndReadsTheManifest) {
  TempDir dir;
  auto plugin = LoadedPlugin::Load(kPlugins / "v1/libtest_echo.so",
                                   dir.path() / "copies");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ((*plugin)->name(), "test-echo");
  EXPECT_EQ((*plugin)->manifest().version(), "1.0.0");
  EXPECT_EQ((*plugin)->manifest().api_version(), ROSA_PLUGIN_API_VERSION);
  EXPECT_EQ((*plugin)->file_sha256().size(), 64u);
  EXPECT_TRUE((*plugin)->Decodes("text/plain; profile=test-1"));
  EXPECT_FALSE((*plugin)->Decodes("text/plain"));
}

TEST(LoadedPluginTest, RefusesAnotherApiVersion) {
  TempDir dir;
  auto plugin = LoadedPlugin::Load(kPlugins / "wrong_api/libtest_echo.so",
                                   dir.path() / "copies");
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr("plugin API version 2"));
  EXPECT_THAT(plugin.status().message(), HasSubstr("libtest_echo.so"));
}

TEST(LoadedPluginTest, RefusesAnotherDescriptorFingerprint) {
  TempDir dir;
  auto plugin = LoadedPlugin::Load(
      kPlugins / "wrong_fingerprint/libtest_echo.so", dir.path() / "copies");
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(),
              HasSubstr("built against other proto descriptors"));
}

TEST(LoadedPluginTest, RefusesALibraryWithoutEntryPoint) {
  TempDir dir;
  const fs::path fake = dir.path() / "libnot_a_plugin.so";
  std::ofstream(fake) << "not an ELF file";
  auto plugin = LoadedPlugin::Load(fake, dir.path() / "copies");
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(LoadedPluginTest, AThrowingPluginIsAContainedError) {
  TempDir dir;
  auto plugin = LoadedPlugin::Load(kPlugins / "v1/libtest_echo.so",
                                   dir.path() / "copies");
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  auto thrown = (*plugin)->Decode(Request("throw"));
  ASSERT_FALSE(thrown.ok());
  EXPECT_EQ(thrown.status().code(), absl::StatusCode::kInternal);
  // The exception's text (here: the payload) never comes through.
  EXPECT_THAT(thrown.status().message(), ::testing::Not(HasSubstr("throw\"")));
  EXPECT_THAT(thrown.status().message(), HasSubstr("failed inside the plugin"));
  // And the plugin keeps working.
  auto ok = (*plugin)->Decode(Request("ok"));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->commands_size(), 1);
  auto bad = (*plugin)->Decode(Request("bad"));
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->errors_size(), 1);
  EXPECT_EQ(bad->errors(0).field(), "status");
}

TEST(PluginHostTest, ReloadSwitchesVersionsWhileCallsRun) {
  TempDir dir;
  const fs::path plugin_dir = dir.path() / "plugins";
  fs::create_directories(plugin_dir);
  const fs::path file = plugin_dir / "libtest_echo.so";
  fs::copy_file(kPlugins / "v1/libtest_echo.so", file);
  PluginHost host(
      PluginHost::Options::InProcess(plugin_dir, dir.path() / "copies"));
  ASSERT_TRUE(host.LoadAll().ok());
  ASSERT_NE(host.Find("test-echo"), nullptr);
  EXPECT_EQ(host.Find("test-echo")->manifest().version(), "1.0.0");

  // Traffic: threads decode without pause through the switch.
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, v1_calls{0}, v2_calls{0};
  std::vector<std::thread> traffic;
  for (int i = 0; i < 4; ++i) {
    traffic.emplace_back([&] {
      while (!stop.load()) {
        auto plugin = host.Find("test-echo");
        auto r = plugin->Decode(Request("ok"));
        if (!r.ok() || r->commands_size() != 1) {
          ++failures;
          continue;
        }
        const std::string& v =
            r->commands(0).update_referral_status().referral_id();
        (v == "1.0.0" ? v1_calls : v2_calls)++;
      }
    });
  }
  while (v1_calls.load() < 100) std::this_thread::yield();
  // An operator puts the new version in place (over the old file).
  fs::copy_file(kPlugins / "v2/libtest_echo.so", file,
                fs::copy_options::overwrite_existing);
  auto reloaded = host.Reload("test-echo");
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_EQ(reloaded->generation, 2u);
  EXPECT_EQ(reloaded->plugin->manifest().version(), "2.0.0");
  while (v2_calls.load() < 100) std::this_thread::yield();
  stop = true;
  for (auto& t : traffic) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(host.Find("test-echo")->manifest().version(), "2.0.0");
  EXPECT_NE(host.List()[0].plugin->file_sha256(), "");
}

TEST(PluginHostTest, AFailedReloadKeepsTheCurrentVersion) {
  TempDir dir;
  const fs::path plugin_dir = dir.path() / "plugins";
  fs::create_directories(plugin_dir);
  const fs::path file = plugin_dir / "libtest_echo.so";
  fs::copy_file(kPlugins / "v1/libtest_echo.so", file);
  PluginHost host(
      PluginHost::Options::InProcess(plugin_dir, dir.path() / "copies"));
  ASSERT_TRUE(host.LoadAll().ok());
  fs::copy_file(kPlugins / "wrong_fingerprint/libtest_echo.so", file,
                fs::copy_options::overwrite_existing);
  auto reloaded = host.Reload("test-echo");
  EXPECT_EQ(reloaded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(host.Find("test-echo")->manifest().version(), "1.0.0");
  EXPECT_EQ(host.List()[0].generation, 1u);
}

TEST(PluginHostTest, StartUpFailsOnARefusedPlugin) {
  TempDir dir;
  const fs::path plugin_dir = dir.path() / "plugins";
  fs::create_directories(plugin_dir);
  fs::copy_file(kPlugins / "wrong_api/libtest_echo.so",
                plugin_dir / "libtest_echo.so");
  PluginHost host(
      PluginHost::Options::InProcess(plugin_dir, dir.path() / "copies"));
  absl::Status s = host.LoadAll();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("plugin API version"));
}

}  // namespace
}  // namespace rosa
