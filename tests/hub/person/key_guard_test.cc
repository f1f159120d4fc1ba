#include "hub/person/key_guard.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/crypto/key_file.h"
#include "hub/person/key_rewrap.h"
#include "hub/store/database.h"
#include "tests/testutil/temp_dir.h"
#include "tests/testutil/wrapped_key.h"

namespace rosa {
namespace {

class KeyGuardTest : public ::testing::Test {
 protected:
  std::filesystem::path db() const { return dir_.File("rosa-hub.db"); }
  std::filesystem::path kek() const { return dir_.File("kek"); }

  void Exec(const std::string& sql) {
    store::Database::Options options;
    options.path = db();
    auto database = store::Database::Open(options);
    ASSERT_TRUE(database.ok()) << database.status();
    ASSERT_TRUE((*database)
                    ->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) {
                      return txn.conn().Exec(sql);
                    })
                    .ok());
  }

  // With a person whose data key `keks` wraps (a placeholder without it),
  // and with `keks` the own key of a referral's note.
  void CreateDatabase(bool with_person,
                      const crypto::KekStore* keks = nullptr) {
    store::Database::Options options;
    options.path = db();
    auto database = store::Database::Open(options);
    ASSERT_TRUE(database.ok()) << database.status();
    if (!with_person) return;
    std::string person_key = "x'00'";
    uint32_t version = 1;
    if (keks != nullptr) {
      person_key = testutil::WrappedKeySql(*keks, "P-AAAAAAAAAA", &version);
      Exec(absl::StrCat(
          "INSERT INTO object_keys(object_id, kek_version, wrapped_key)"
          " VALUES ('R-2026-000001', ",
          version, ", ",
          testutil::WrappedKeySql(*keks, ObjectKeyOwner("R-2026-000001")),
          ")"));
    }
    Exec(absl::StrCat(
        "INSERT INTO persons(id, registered_us, registered_by, profile,"
        " kek_version, wrapped_key, key_version) VALUES ('P-AAAAAAAAAA', 1,"
        " 'rosa', x'', ",
        version, ", ", person_key, ", 1)"));
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
  Exec(
      "INSERT INTO object_keys(object_id, kek_version, wrapped_key)"
      " VALUES ('R-2026-000001', 1, x'00')");
  EXPECT_EQ(CheckKeyFileNotLost(db(), kek()).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(KeyGuardTest, KeysHoldingEveryVersionInUseStart) {
  auto keks = crypto::KekStore::OpenOrCreate(kek());
  ASSERT_TRUE(keks.ok()) << keks.status();
  // A new hub, and a database without data keys.
  EXPECT_TRUE(CheckKeksCoverDatabase(db(), **keks).ok());
  CreateDatabase(/*with_person=*/true, keks->get());  // Under version 1.
  EXPECT_TRUE(CheckKeksCoverDatabase(db(), **keks).ok());
  // A rotation that has not retired version 1 yet still holds it.
  ASSERT_TRUE((*keks)->Rotate().ok());
  EXPECT_TRUE(CheckKeksCoverDatabase(db(), **keks).ok());
}

// A database from before a rotation (a backup restored by hand) beside the
// keys of after it: every person would be unreadable.
TEST_F(KeyGuardTest, KeysLackingAVersionInUseAreRefused) {
  auto keks = crypto::KekStore::OpenOrCreate(kek());
  ASSERT_TRUE(keks.ok()) << keks.status();
  CreateDatabase(/*with_person=*/true);
  Exec(
      "INSERT INTO object_keys(object_id, kek_version, wrapped_key)"
      " VALUES ('R-2026-000001', 3, x'00')");
  ASSERT_TRUE((*keks)->Rotate().ok());
  ASSERT_TRUE((*keks)->Retire(1).ok());
  const absl::Status s = CheckKeksCoverDatabase(db(), **keks);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()),
              ::testing::HasSubstr("KEK versions 1, 3, which keys/kek does "
                                   "not hold (it holds 2)"));
  EXPECT_THAT(std::string(s.message()),
              ::testing::HasSubstr("keys/ from the backup's own time"));
}

// The key file of another installation (or a damaged one) holds a version
// 1 too, but not the key the database used. Before, the hub served with
// it: every identity and note DATA_LOSS, new persons wrapped under it.
TEST_F(KeyGuardTest, KeysOfAnotherInstallationAreRefused) {
  auto own = crypto::KekStore::OpenOrCreate(kek());
  ASSERT_TRUE(own.ok()) << own.status();
  auto other = crypto::KekStore::OpenOrCreate(dir_.File("other-kek"));
  ASSERT_TRUE(other.ok()) << other.status();
  CreateDatabase(/*with_person=*/true, own->get());
  ASSERT_TRUE(CheckKeksCoverDatabase(db(), **own).ok());
  const absl::Status s = CheckKeksCoverDatabase(db(), **other);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()),
              ::testing::HasSubstr("keys/kek's KEK version 1 cannot open the "
                                   "data keys the database wrapped under it"));
  // Only the notes' own keys (the person erased): still refused.
  Exec("DELETE FROM persons");
  EXPECT_EQ(CheckKeksCoverDatabase(db(), **other).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckKeksCoverDatabase(db(), **own).ok());
}

}  // namespace
}  // namespace rosa
