// Where plugin code may come from: the folder's owner and mode, no symbolic
// links, and a stored copy that is hashed again before it is mapped.
#include "hub/plugin_host/plugin_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "common/sha256.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/plugin_host/loaded_plugin.h"
#include "hub/plugin_host/plugin_host.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testutil::TempDir;

const fs::path kEcho = fs::path(TEST_PLUGINS_DIR) / "v1" / "libtest_echo.so";

class PluginFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directory(plugins_);
    fs::permissions(plugins_, fs::perms::owner_all);
  }
  fs::path Install(const std::string& name = "libtest_echo.so") {
    fs::copy_file(kEcho, plugins_ / name);
    return plugins_ / name;
  }

  const TempDir dir_;
  const fs::path plugins_ = dir_.path() / "plugins";
  const fs::path copies_ = dir_.path() / "copies";
};

TEST_F(PluginFileTest, LoadsFromAPrivateFolder) {
  auto plugin = LoadedPlugin::Load(Install(), copies_);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ((*plugin)->name(), "test-echo");
}

TEST_F(PluginFileTest, HashesInPiecesWhatItWouldRead) {
  const fs::path file = Install();
  auto bytes = ReadPluginFile(file);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  ASSERT_GT(bytes->size(), size_t{1} << 16);  // More than one piece.
  auto hashed = HashPluginFile(file);
  ASSERT_TRUE(hashed.ok()) << hashed.status();
  EXPECT_EQ(*hashed, Sha256Hex(*bytes));
  // The staged copy is named by that hash, and hashes to it.
  auto staged = StagePluginCopy(file, copies_);
  ASSERT_TRUE(staged.ok()) << staged.status();
  EXPECT_EQ(staged->sha256, *hashed);
  EXPECT_EQ(HashPluginFile(staged->copy).value_or(""), *hashed);

  // The same checks as reading: no symbolic link.
  fs::create_symlink(kEcho, plugins_ / "liblinked.so");
  EXPECT_EQ(HashPluginFile(plugins_ / "liblinked.so").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(PluginFileTest, RefusesASymlinkedPlugin) {
  fs::create_symlink(kEcho, plugins_ / "libtest_echo.so");
  auto plugin = LoadedPlugin::Load(plugins_ / "libtest_echo.so", copies_);
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr("symbolic link"));

  // And through the host, which lists the folder.
  PluginHost host(PluginHost::Options::InProcess(plugins_, copies_));
  EXPECT_EQ(host.LoadAll().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(host.Find("test-echo"), nullptr);
}

TEST_F(PluginFileTest, RefusesAFolderOthersCanWrite) {
  const fs::path file = Install();
  for (const fs::perms extra :
       {fs::perms::others_write, fs::perms::group_write}) {
    fs::permissions(plugins_, fs::perms::owner_all | extra);
    auto plugin = LoadedPlugin::Load(file, copies_);
    EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(plugin.status().message(), HasSubstr("plugin folder"));
    PluginHost host(PluginHost::Options::InProcess(plugins_, copies_));
    EXPECT_FALSE(host.LoadAll().ok());
  }
}

TEST_F(PluginFileTest, RefusesAPluginFileOthersCanWrite) {
  const fs::path file = Install();
  fs::permissions(file, fs::perms::others_write, fs::perm_options::add);
  auto plugin = LoadedPlugin::Load(file, copies_);
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr("writable by no one else"));
}

TEST_F(PluginFileTest, RefusesAStoredCopyChangedAfterCopying) {
  const fs::path file = Install();
  auto first = LoadedPlugin::Load(file, copies_);
  ASSERT_TRUE(first.ok()) << first.status();
  const fs::path copy =
      copies_ / ((*first)->file_sha256() + "-libtest_echo.so");
  ASSERT_TRUE(fs::exists(copy));

  // Someone changes the stored copy (here: one byte appended).
  fs::permissions(copy, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(copy, std::ios::app | std::ios::binary) << '\0';
  fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_exec);

  auto again = LoadedPlugin::Load(file, copies_);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("no longer matches"));
}

TEST_F(PluginFileTest, RefusesAStoredCopyReplacedBySymlink) {
  const fs::path file = Install();
  auto first = LoadedPlugin::Load(file, copies_);
  ASSERT_TRUE(first.ok()) << first.status();
  const fs::path copy =
      copies_ / ((*first)->file_sha256() + "-libtest_echo.so");
  fs::remove(copy);
  fs::create_symlink(kEcho, copy);
  auto again = LoadedPlugin::Load(file, copies_);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace rosa
