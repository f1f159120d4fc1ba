// The text vault: free text sealed under the person's data key when it
// names a registered person (and gone with the person), else under a data
// key of its object's own; bound to object and field; nothing in the clear
// on disk; object keys re-wrapped by KEK rotation.
#include "hub/person/text_vault.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/person/key_rotation.h"
#include "tests/hub/person/person_fixture.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_person {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kCanary[] = "Kanarinotat-5e1d7b: sover hos fetteren";

class TextVaultTest : public PersonFixture {
 protected:
  absl::Status Seal(const std::string& object_id, const std::string& person,
                    const std::string& text) {
    return db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
      return vault_->texts().Seal(txn.conn(), object_id, person, "note", text);
    });
  }
  absl::StatusOr<std::string> Open(const std::string& object_id) {
    absl::StatusOr<std::string> text;
    absl::Status s = db_->readers().RunAndWait([&](store::Connection& conn) {
      text = vault_->texts().Open(conn, object_id, "note");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return text;
  }
  // Everything under the data directory, once the hub is closed (so that
  // the WAL is checkpointed as far as it goes).
  std::vector<std::filesystem::path> FilesWithCanary() {
    CloseHub();
    auto found = testutil::FilesContaining(dir_.path(), kCanary);
    OpenHub();
    return found;
  }
};

TEST_F(TextVaultTest, WithoutARegisteredPersonEachObjectHasItsOwnKey) {
  ASSERT_TRUE(Seal("R-2026-000001", "", kCanary).ok());
  // A person_ref that names no registered person: the object's key too.
  ASSERT_TRUE(Seal("R-2026-000002", "P-0000000000", "other text").ok());
  EXPECT_THAT(Query("SELECT object_id FROM object_keys ORDER BY object_id"),
              ElementsAre("R-2026-000001", "R-2026-000002"));
  EXPECT_THAT(Query("SELECT object_id FROM sealed_texts"
                    " WHERE person_id IS NULL ORDER BY object_id"),
              ElementsAre("R-2026-000001", "R-2026-000002"));
  EXPECT_EQ(*Open("R-2026-000001"), kCanary);
  EXPECT_EQ(*Open("R-2026-000002"), "other text");
  EXPECT_EQ(*Open("R-2026-000003"), "");  // Nothing sealed.
  const auto sealed =
      Query("SELECT ciphertext FROM sealed_texts WHERE object_id = ?1",
            "R-2026-000001");
  ASSERT_THAT(sealed, SizeIs(1));
  EXPECT_EQ(sealed[0].find("Kanarinotat"), std::string::npos);
  EXPECT_EQ(sealed[0].size(), std::string(kCanary).size() + 28);
  EXPECT_THAT(FilesWithCanary(), IsEmpty());
}

TEST_F(TextVaultTest, ACiphertextMovedToAnotherObjectDoesNotOpen) {
  ASSERT_TRUE(Seal("R-2026-000001", "", kCanary).ok());
  ASSERT_TRUE(Seal("R-2026-000002", "", "other text").ok());
  ASSERT_TRUE(Write("UPDATE sealed_texts SET ciphertext = (SELECT ciphertext"
                    " FROM sealed_texts WHERE object_id = 'R-2026-000001')"
                    " WHERE object_id = 'R-2026-000002'")
                  .ok());
  auto moved = Open("R-2026-000002");
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(moved.status().message().find("Kanarinotat"), std::string::npos);
}

TEST_F(TextVaultTest, UnderThePersonsKeyAndShreddedWithThePerson) {
  const std::string person = RegisterNew("Ioana");
  ASSERT_TRUE(Seal("R-2026-000001", person, kCanary).ok());
  EXPECT_THAT(Query("SELECT object_id FROM object_keys"), IsEmpty());
  EXPECT_THAT(Query("SELECT person_id FROM sealed_texts"), ElementsAre(person));
  EXPECT_EQ(*Open("R-2026-000001"), kCanary);
  EXPECT_THAT(FilesWithCanary(), IsEmpty());

  ASSERT_TRUE(Erase(person).ok());
  auto after = Open("R-2026-000001");
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(*after, "");
  EXPECT_THAT(Query("SELECT object_id FROM sealed_texts"), IsEmpty());
}

TEST_F(TextVaultTest, AnEmptyTextRemovesTheSealedOne) {
  ASSERT_TRUE(Seal("R-2026-000001", "", kCanary).ok());
  ASSERT_TRUE(Seal("R-2026-000001", "", "").ok());
  EXPECT_THAT(Query("SELECT object_id FROM sealed_texts"), IsEmpty());
  EXPECT_EQ(*Open("R-2026-000001"), "");
  EXPECT_EQ(Seal("R-2026/1", "", "x").code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(TextVaultTest, KeyRotationRewrapsObjectKeys) {
  ASSERT_TRUE(Seal("R-2026-000001", "", kCanary).ok());
  CloseHub();
  auto rotated = RotateKeys(dir_.path());
  ASSERT_TRUE(rotated.ok()) << rotated.status();
  EXPECT_EQ(rotated->rewrapped, 1);
  EXPECT_THAT(rotated->retired, ElementsAre(1u));
  OpenHub();
  EXPECT_THAT(Query("SELECT object_id FROM object_keys WHERE kek_version = 2"),
              ElementsAre("R-2026-000001"));
  EXPECT_EQ(*Open("R-2026-000001"), kCanary);
}

}  // namespace
}  // namespace rosa::testing_person
