#include "hub/plugin_host/plugin_admin_desk.h"

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/log_capture.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

const fs::path kPlugins = TEST_PLUGINS_DIR;

Partner Caller(std::string id, PartnerKind kind) {
  Partner p;
  p.id = std::move(id);
  p.kind = kind;
  p.enabled = true;
  return p;
}

v1::ReloadPluginRequest Named(std::string name) {
  v1::ReloadPluginRequest r;
  r.set_name(std::move(name));
  return r;
}

// The test-echo plugin (v1) in a plugin folder of its own, mapped
// in-process, with every log line of the desk captured.
class PluginAdminDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(folder_);
    fs::copy_file(kPlugins / "v1/libtest_echo.so", folder_ / "libtest_echo.so");
    ASSERT_TRUE(host_.LoadAll().ok());
  }

  testutil::TempDir dir_;
  const fs::path folder_ = dir_.path() / "plugins";
  PluginHost host_{
      PluginHost::Options::InProcess(folder_, dir_.path() / "copies")};
  PluginAdminDesk desk_{&host_};
  const Partner rosa_ = Caller("rosa", v1::PARTNER_KIND_COORDINATOR);
  testutil::LogCapture log_;
};

TEST_F(PluginAdminDeskTest, OnlyACoordinatorGetsAnAnswer) {
  for (PartnerKind kind :
       {v1::PARTNER_KIND_SHELTER, v1::PARTNER_KIND_LEGAL_COUNSEL,
        v1::PARTNER_KIND_ASSISTED_RETURN, v1::PARTNER_KIND_UNSPECIFIED}) {
    const Partner other = Caller("ks-oslo", kind);
    EXPECT_EQ(desk_.List(other, {}).status().code(),
              absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(desk_.Reload(other, Named("test-echo")).status().code(),
              absl::StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(host_.List().front().generation, 1u);  // nothing reloaded
}

TEST_F(PluginAdminDeskTest, ListsAndReloadsByName) {
  auto list = desk_.List(rosa_, {});
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->plugins_size(), 1);
  EXPECT_EQ(list->plugins(0).name(), "test-echo");
  EXPECT_EQ(list->plugins(0).version(), "1.0.0");
  EXPECT_EQ(list->plugins(0).file(), "libtest_echo.so");
  EXPECT_EQ(list->plugins(0).generation(), 1u);
  EXPECT_TRUE(list->plugins(0).workers().empty());  // in-process

  // A new version in the folder: the reload switches to it.
  fs::copy_file(kPlugins / "v2/libtest_echo.so", folder_ / "libtest_echo.so",
                fs::copy_options::overwrite_existing);
  auto loaded = desk_.Reload(rosa_, Named("test-echo"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->version(), "2.0.0");
  EXPECT_EQ(loaded->generation(), 2u);
  EXPECT_NE(loaded->file_sha256(), list->plugins(0).file_sha256());
  EXPECT_EQ(host_.Find("test-echo")->manifest().version(), "2.0.0");
  EXPECT_THAT(log_.Text(), HasSubstr("test-echo reloaded by rosa"));
}

// Names from an untrusted caller: refused as not a plugin name, or not
// found, never INTERNAL; nothing loads; neither the answer nor the log
// repeats them, and no log line is forged.
TEST_F(PluginAdminDeskTest, UntrustedNamesAreRefusedWithoutEchoOrForgedLines) {
  const std::string forged = "x\nplugins: test-echo reloaded by rosa";
  const std::vector<std::string> names = {"",
                                          std::string(70000, 'a'),
                                          std::string(64, 'a'),
                                          "../x",
                                          "/abs",
                                          "/etc/passwd",
                                          "libtest_echo.so",
                                          std::string("test-echo\0../x", 14),
                                          "test-echo\n",
                                          forged,
                                          "Test-Echo",
                                          "%s%n{}",
                                          "not-loaded"};
  for (const std::string& name : names) {
    SCOPED_TRACE(testing::PrintToString(name));
    auto r = desk_.Reload(rosa_, Named(name));
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().code(),
                testing::AnyOf(absl::StatusCode::kInvalidArgument,
                               absl::StatusCode::kNotFound));
    if (name.size() > 1) {
      EXPECT_FALSE(absl::StrContains(r.status().message(), name))
          << r.status().message().substr(0, 80);
    }
  }
  EXPECT_EQ(desk_.Reload(rosa_, Named("not-loaded")).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(desk_.Reload(rosa_, Named("../x")).status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::string log = log_.Text();
  EXPECT_FALSE(absl::StrContains(log, "\nplugins: test-echo reloaded"))
      << "a forged log line";
  EXPECT_FALSE(absl::StrContains(log, std::string(64, 'a')))
      << "the log repeats a name that is not one";
  std::vector<std::string> lines;
  std::string line;
  std::istringstream log_lines(log);
  while (std::getline(log_lines, line)) lines.push_back(line);
  for (const std::string& l : lines) {
    EXPECT_THAT(l, HasSubstr("refused")) << "a line of its own: " << l;
  }
  const auto entries = host_.List();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].generation, 1u);
}

}  // namespace
}  // namespace rosa
