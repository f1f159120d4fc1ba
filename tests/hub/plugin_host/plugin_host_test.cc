// PluginHost::LoadAll in workers, as the hub starts: every plugin of the
// build (ROSA_PLUGINS_DIR) and the test-echo plugin staged at once, their
// workers real `rosa-hub plugin-worker` processes (testutil::HubBinary).
#include "hub/plugin_host/plugin_host.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/plugin_workers.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace pv1 = rosa::plugin::v1;
using ::testing::HasSubstr;

class PluginHostInWorkersTest : public testutil::PluginWorkersTest {
 protected:
  PluginHostInWorkersTest() {
    fs::create_directories(plugins_);
    for (const auto& entry : fs::directory_iterator(ROSA_PLUGINS_DIR)) {
      if (entry.path().extension() == ".so") {
        fs::copy_file(entry.path(), plugins_ / entry.path().filename());
      }
    }
    fs::copy_file(fs::path(TEST_PLUGINS_DIR) / "v1/libtest_echo.so",
                  plugins_ / "libtest_echo.so");
  }

  PluginHost Host() {
    return PluginHost(
        PluginHost::Options::InWorkers(plugins_, copies_, options_));
  }

  // The staged copies, sorted by the plugin file they came from.
  std::vector<fs::path> Copies() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(copies_)) {
      out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
      return a.filename().string().substr(65) <
             b.filename().string().substr(65);
    });
    return out;
  }

  const fs::path plugins_ = dir_.path() / "plugins";
  const fs::path copies_ = dir_.path() / "copies";
};

pv1::DecodeRequest EchoRequest() {
  pv1::DecodeRequest r;
  r.set_content_type("text/plain; profile=test-1");
  r.set_payload("ok");
  return r;
}

// With the fork server, and without it (each worker exec'd by the hub,
// which starts them from the calling thread, never a staging thread).
TEST_F(PluginHostInWorkersTest, LoadsEveryPluginAtOnce) {
  for (const bool fork_server : {true, false}) {
    options_.fork_server = fork_server;
    PluginHost host = Host();
    ASSERT_TRUE(host.LoadAll().ok()) << fork_server;
    const std::vector<PluginHost::Entry> all = host.List();
    EXPECT_GE(all.size(), 7u);
    for (const PluginHost::Entry& e : all) {
      // The one that loaded it; partners' workers start on their calls.
      EXPECT_EQ(e.plugin->workers().size(), 1u) << e.plugin->name();
    }
    for (int i = 0; i < 4; ++i) {
      auto answer = host.Find("test-echo")->Decode(EchoRequest());
      ASSERT_TRUE(answer.ok()) << answer.status();
      EXPECT_EQ(answer->commands_size(), 1);
    }
    for (const WorkerState& w : host.Find("test-echo")->workers()) {
      EXPECT_EQ(w.crashes, 0u) << fork_server;
      EXPECT_EQ(w.restarts, 0u) << fork_server;
    }
  }
}

// Whichever copy is changed, among all staged at once, start-up refuses it
// (its workers check it just before mapping it) and names its file.
TEST_F(PluginHostInWorkersTest, RefusesAnyChangedCopyAmongTheOthers) {
  {
    PluginHost first = Host();
    ASSERT_TRUE(first.LoadAll().ok());
  }
  const std::vector<fs::path> copies = Copies();
  ASSERT_GE(copies.size(), 7u);
  for (const fs::path& copy : copies) {
    const std::string file = copy.filename().string().substr(65);
    fs::permissions(copy, fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(copy, std::ios::app | std::ios::binary) << '\0';
    fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_exec);

    PluginHost host = Host();
    absl::Status s = host.LoadAll();
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << file;
    EXPECT_THAT(s.message(), HasSubstr("no longer matches")) << file;
    EXPECT_THAT(s.message(), HasSubstr(file));
    EXPECT_TRUE(host.List().empty());

    fs::remove(copy);  // The next start writes it again, unchanged.
  }
  PluginHost again = Host();
  EXPECT_TRUE(again.LoadAll().ok());
}

}  // namespace
}  // namespace rosa
