#include "hub/store/database_file.h"

#include <filesystem>

#include "gtest/gtest.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

TEST(DatabaseFileTest, TheDatabaseIsTheOneFileOfItsName) {
  EXPECT_EQ(DatabasePath("/var/lib/rosa-hub"),
            std::filesystem::path("/var/lib/rosa-hub/rosa-hub.db"));
}

TEST(DatabaseFileTest, AToolFindsNoDatabaseAndMakesNone) {
  testutil::TempDir dir;
  for (Connection::Mode mode :
       {Connection::Mode::kReadOnly, Connection::Mode::kReadWrite}) {
    auto conn = OpenExistingDatabase(dir.path(), mode);
    EXPECT_EQ(conn.status().code(), absl::StatusCode::kNotFound);
    EXPECT_NE(conn.status().message().find("start the hub once first"),
              std::string::npos);
  }
  EXPECT_FALSE(std::filesystem::exists(DatabasePath(dir.path())));
}

TEST(DatabaseFileTest, AnExistingDatabaseOpens) {
  testutil::TempDir dir;
  {
    auto made = Connection::Open(DatabasePath(dir.path()),
                                 Connection::Mode::kReadWrite);
    ASSERT_TRUE(made.ok()) << made.status();
    ASSERT_TRUE((*made)->Exec("CREATE TABLE t (x)").ok());
  }
  auto conn = OpenExistingDatabase(dir.path(), Connection::Mode::kReadOnly);
  ASSERT_TRUE(conn.ok()) << conn.status();
  EXPECT_TRUE((*conn)->Exec("SELECT x FROM t").ok());
  // Read-only: it writes nothing.
  EXPECT_FALSE((*conn)->Exec("CREATE TABLE u (y)").ok());
}

}  // namespace
}  // namespace rosa::store
