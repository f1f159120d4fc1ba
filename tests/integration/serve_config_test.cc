// Integration tests of `rosa-hub serve --config FILE` (the packaged hub's
// /etc/rosa-hub/rosa-hub.conf) and of the schema guard an upgrade relies
// on, against the real process: keys of the [serve] section act as the
// flags they name, an unknown key stops the hub before it serves, and a
// database written by a newer hub (schema version above this build's) is
// refused at start instead of being downgraded.
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ServeConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = MakeTempDir("serve-config");
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path WriteConfig(const std::string& text) {
    const fs::path path = dir_ / "rosa-hub.conf";
    std::ofstream out(path, std::ios::trunc);
    out << text;
    return path;
  }

  fs::path dir_;
};

TEST_F(ServeConfigTest, KeysActAsTheFlagsTheyName) {
  // exchange-dir is a flag the harness does not pass: where the hub makes
  // the file-drop folders shows that the file was read.
  const fs::path exchange = dir_ / "exchange-from-config";
  const fs::path config =
      WriteConfig(absl::StrCat("# comment\n[serve]\nexchange-dir = \"",
                               exchange.string(), "\"\nhold-ttl = \"3h\"\n"));
  HubOptions options;
  options.extra_args = {"--config", config.string()};
  auto hub = HubProcess::Start(options);
  ASSERT_TRUE(hub.ok()) << hub.status();
  EXPECT_TRUE(fs::is_directory(exchange / "ks-oslo"));
  EXPECT_FALSE(fs::exists((*hub)->data_dir() / "exchange"));
}

TEST_F(ServeConfigTest, UnknownKeyStopsTheHub) {
  const fs::path config = WriteConfig("[serve]\nhold-tll = \"3h\"\n");
  HubOptions options;
  options.extra_args = {"--config", config.string()};
  options.start_timeout = absl::Seconds(20);
  auto hub = HubProcess::Start(options);
  ASSERT_FALSE(hub.ok());
  EXPECT_THAT(std::string(hub.status().message()), HasSubstr("hold-tll"));
}

TEST(SchemaGuardTest, HubRefusesADatabaseFromANewerHub) {
  auto hub = HubProcess::Start();
  ASSERT_TRUE(hub.ok()) << hub.status();
  ASSERT_TRUE((*hub)->Terminate().ok());
  {
    auto conn = store::Connection::Open((*hub)->data_dir() / "rosa-hub.db",
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_TRUE((*conn)
                    ->Exec(absl::StrCat("PRAGMA user_version = ",
                                        store::CurrentSchemaVersion() + 1))
                    .ok());
  }
  const absl::Status restarted = (*hub)->Restart();
  ASSERT_FALSE(restarted.ok());
  EXPECT_THAT(std::string(restarted.message()), HasSubstr("newer"));
}

}  // namespace
}  // namespace rosa::integration
