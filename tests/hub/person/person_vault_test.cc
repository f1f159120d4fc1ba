// Tests of encryption at rest: what lands on disk, ciphertexts bound to
// their person and field, and KEK rotation that leaves nothing under the
// retired version.
#include "hub/person/person_vault.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/person/key_rotation.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa::testing_person {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

class PersonVaultTest : public PersonFixture {
 protected:
  // Copies the ciphertext of (from_id, from_field) over (to_id, to_field).
  void MoveCiphertext(const std::string& from_id, const std::string& from_field,
                      const std::string& to_id, const std::string& to_field) {
    ASSERT_TRUE(
        Write(absl::StrCat("UPDATE person_fields SET ciphertext = (SELECT "
                           "ciphertext FROM person_fields WHERE person_id = '",
                           from_id, "' AND field = '", from_field,
                           "') WHERE person_id = '", to_id, "' AND field = '",
                           to_field, "'"))
            .ok());
  }
};

TEST_F(PersonVaultTest, NoPlaintextInCiphertextsOrFiles) {
  const std::string canary = "Kanarifugl-7f3a9c";
  const std::string id = RegisterNew(canary);
  const auto rows =
      Query("SELECT ciphertext FROM person_fields WHERE person_id = ?1", id);
  ASSERT_THAT(rows, SizeIs(6));
  for (const std::string& c : rows) {
    for (const std::string& plain :
         {canary, std::string("Popescu-Zkx"), std::string("201912345678"),
          std::string("+4790012345"), std::string("Testveien")}) {
      EXPECT_EQ(c.find(plain), std::string::npos);
    }
    EXPECT_GE(c.size(), 28u);  // nonce + tag at least.
  }
  const std::string files = FileBytes(db_path()) + FileBytes(wal_path());
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.find(canary), std::string::npos);
  EXPECT_EQ(files.find("201912345678"), std::string::npos);
}

TEST_F(PersonVaultTest, EmptyFieldsAreNotStored) {
  v1::RegisterPersonRequest r = NewPerson("Ioana");
  r.mutable_identity()->clear_phone();
  r.mutable_identity()->clear_contact_address();
  auto person = Register(r);
  ASSERT_TRUE(person.ok());
  EXPECT_THAT(
      Query("SELECT field FROM person_fields WHERE person_id = ?1"
            " ORDER BY field",
            person->id()),
      ElementsAre("birth_date", "duf_number", "family_name", "given_name"));
  auto read = Read(person->id());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->identity().phone(), "");
}

TEST_F(PersonVaultTest, CiphertextMovedToAnotherPersonDoesNotDecrypt) {
  const std::string a = RegisterNew("Ioana");
  const std::string b = RegisterNew("Maria");
  MoveCiphertext(a, "given_name", b, "given_name");
  auto read = Read(b);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss);
  const std::string message(read.status().message());
  EXPECT_THAT(message, HasSubstr("given_name"));
  EXPECT_THAT(message, Not(HasSubstr("Ioana")));
  EXPECT_THAT(message, Not(HasSubstr("Maria")));
  EXPECT_TRUE(Read(a).ok());
}

TEST_F(PersonVaultTest, CiphertextMovedToAnotherFieldDoesNotDecrypt) {
  const std::string a = RegisterNew("Ioana");
  MoveCiphertext(a, "given_name", a, "family_name");
  auto read = Read(a);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(read.status().message()), Not(HasSubstr("Ioana")));
}

TEST_F(PersonVaultTest, DataKeyMovedToAnotherPersonDoesNotUnwrap) {
  const std::string a = RegisterNew("Ioana");
  const std::string b = RegisterNew("Maria");
  ASSERT_TRUE(Write(absl::StrCat("UPDATE persons SET wrapped_key = (SELECT "
                                 "wrapped_key FROM persons WHERE id = '",
                                 a, "') WHERE id = '", b, "'"))
                  .ok());
  EXPECT_EQ(Read(b).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(PersonVaultTest, RewrapAllThenRetireLeavesNothingUnderTheOldVersion) {
  std::vector<std::string> ids;
  for (const char* name : {"Ioana", "Maria", "Olena"}) {
    ids.push_back(RegisterNew(name));
  }
  const uint32_t old_version = keks_->active_version();
  auto fresh = keks_->Rotate();
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  int moved = -1;
  ASSERT_TRUE(db_->writer()
                  .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                    auto n = vault_->RewrapAll(txn.conn());
                    if (!n.ok()) return n.status();
                    moved = *n;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(moved, 3);
  EXPECT_THAT(Query("SELECT id FROM persons WHERE kek_version = ?1",
                    std::to_string(old_version)),
              IsEmpty());
  ASSERT_TRUE(keks_->Retire(old_version).ok());
  EXPECT_THAT(keks_->versions(), ElementsAre(*fresh));
  auto read = Read(ids[1]);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->identity().given_name(), "Maria");
}

TEST_F(PersonVaultTest, RotateKeysCommandRewrapsAndRetires) {
  const std::string id = RegisterNew("Ioana");
  CloseHub();
  {
    // Refused while someone (a running hub) holds the keys lock.
    auto lock = KeysLock::Acquire(kek_path().parent_path());
    ASSERT_TRUE(lock.ok()) << lock.status();
    EXPECT_EQ(RotateKeys(dir_.path()).status().code(),
              absl::StatusCode::kFailedPrecondition);
  }
  auto rotated = RotateKeys(dir_.path());
  ASSERT_TRUE(rotated.ok()) << rotated.status();
  EXPECT_EQ(rotated->active_version, 2u);
  EXPECT_EQ(rotated->rewrapped, 1);
  EXPECT_THAT(rotated->retired, ElementsAre(1u));

  OpenHub();
  EXPECT_THAT(keks_->versions(), ElementsAre(2u));
  EXPECT_THAT(Query("SELECT kek_version FROM persons"), SizeIs(1));
  EXPECT_THAT(Query("SELECT id FROM persons WHERE kek_version != 2"),
              IsEmpty());
  auto read = Read(id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->identity().given_name(), "Ioana");
  EXPECT_EQ(RotateKeys(dir_.path() / "nowhere").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rosa::testing_person
