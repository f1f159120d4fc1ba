#include "hub/person/key_guard.h"

#include <fstream>

#include "gtest/gtest.h"
#include "hub/store/database.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

class KeyGuardTest : public ::testing::Test {
 protected:
  std::filesystem::path db() const { return dir_.File("rosa-hub.db"); }
  std::filesystem::path kek() const { return dir_.File("kek"); }

  void CreateDatabase(bool with_person) {
    store::Database::Options options;
    options.path = db();
    auto database = store::Database::Open(options);
    ASSERT_TRUE(database.ok()) << database.status();
    if (!with_person) return;
    ASSERT_TRUE((*database)
                    ->writer()
                    .SubmitAndWait([](store::WriteTxn& txn) {
                      return txn.conn().Exec(
                          "INSERT INTO persons(id, registered_us,"
                          " registered_by, profile, kek_version, wrapped_key,"
                          " key_version) VALUES ('P-AAAAAAAAAA', 1, 'rosa',"
                          " x'', 1, x'00', 1)");
                    })
                    .ok());
  }

  testutil::TempDir dir_;
};

TEST_F(KeyGuardTest, NewHubStarts) {
  EXPECT_TRUE(CheckKeyFileNotLost(db(), kek()).ok());
}

TEST_F(KeyGuardTest, DatabaseWithoutPersonsStarts) {
  CreateDatabase(/*with_person=*/false);
  EXPECT_TRUE(CheckKeyFileNotLost(db(), kek()).ok());
}

TEST_F(KeyGuardTest, LostKeyFileWithPersonsIsRefused) {
  CreateDatabase(/*with_person=*/true);
  const absl::Status s = CheckKeyFileNotLost(db(), kek());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(s.message()).find("restore keys/"), std::string::npos);
  std::ofstream(kek()) << "present";
  EXPECT_TRUE(CheckKeyFileNotLost(db(), kek()).ok());
}

// Notes sealed under a referral's own key are wrapped by the KEK too.
TEST_F(KeyGuardTest, LostKeyFileWithSealedNotesIsRefused) {
  CreateDatabase(/*with_person=*/false);
  {
    store::Database::Options options;
    options.path = db();
    auto database = store::Database::Open(options);
    ASSERT_TRUE(database.ok()) << database.status();
    ASSERT_TRUE((*database)
                    ->writer()
                    .SubmitAndWait([](store::WriteTxn& txn) {
                      return txn.conn().Exec(
                          "INSERT INTO object_keys(object_id, kek_version,"
                          " wrapped_key) VALUES ('R-2026-000001', 1, x'00')");
                    })
                    .ok());
  }
  EXPECT_EQ(CheckKeyFileNotLost(db(), kek()).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace rosa
