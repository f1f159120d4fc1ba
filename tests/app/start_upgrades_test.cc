// The one-time upgrade steps at start: an older database is upgraded at
// its first start, and a start after that walks no table again - unless
// the request key changed or the records are missing.
#include "app/start_upgrades.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/store/idempotency.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa::testing_person {
namespace {

using ::testing::ElementsAre;

constexpr char kCanary[] = "Gammelnotat-5e1a: sover hos naboen";

crypto::SecretKey KeyOf(char fill) {
  return *crypto::SecretKey::FromBytes(std::string(32, fill));
}

class StartUpgradesTest : public PersonFixture {
 protected:
  // A referral row as a hub from before sealed text wrote it.
  void WriteClearNote(const std::string& id, const std::string& person) {
    v1::Referral r;
    r.set_id(id);
    r.set_person_ref(person);
    r.set_note(kCanary);
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                      auto a = txn.conn().Prepare(
                          "INSERT INTO referrals(id, sender, recipient, type,"
                          " state, created_us, updated_us, body) VALUES"
                          " (?1, 'rosa', 'ks-oslo', 1, 1, 1, 1, ?2)");
                      if (!a.ok()) return a.status();
                      (*a)->Bind(1, id).BindBlob(2, r.SerializeAsString());
                      return (*a)->Run();
                    })
                    .ok());
  }
  // An idempotency record hashed under a lost request key.
  void WriteForeignHash(const std::string& key) {
    const std::string hash = lost_.Hash(v1::Referral());
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                      auto c = txn.conn().Prepare(
                          "INSERT INTO idempotency(partner, key, method,"
                          " request_hash, response, created_us) VALUES"
                          " ('rosa', ?1, 'SubmitReferral', ?2, x'', 1)");
                      if (!c.ok()) return c.status();
                      (*c)->Bind(1, key).BindBlob(2, hash);
                      return (*c)->Run();
                    })
                    .ok());
  }
  bool NoteInClear(const std::string& id) {
    auto body = Query("SELECT body FROM referrals WHERE id = ?1", id);
    return body.size() == 1 && body[0].find(kCanary) != std::string::npos;
  }
  std::string HashLength(const std::string& key) {
    auto length = Query(
        "SELECT length(request_hash) FROM idempotency WHERE key = ?1", key);
    return length.size() == 1 ? length[0] : "missing";
  }
  absl::Status Start(const store::RequestHasher& hasher) {
    return RunStartUpgrades(*db_, hasher, vault_->texts());
  }

  const store::RequestHasher lost_{KeyOf('l')};
  const store::RequestHasher key_{KeyOf('k')};
};

TEST_F(StartUpgradesTest, AnOlderDatabaseIsUpgradedAtItsFirstStartOnly) {
  const std::string person = RegisterNew("Ioana");
  WriteClearNote("R-2026-000001", person);
  WriteForeignHash("old");
  ASSERT_TRUE(Start(key_).ok());
  EXPECT_FALSE(NoteInClear("R-2026-000001"));
  EXPECT_EQ(HashLength("old"), "0");
  EXPECT_THAT(Query("SELECT step FROM upgrade_steps ORDER BY step"),
              ElementsAre(kForgetForeignHashesStep, kSealLegacyTextStep));

  // What no hub writes any more, put there behind its back: the next start
  // does not walk the tables (the steps are recorded), so it stays.
  WriteClearNote("R-2026-000002", person);
  WriteForeignHash("later");
  ASSERT_TRUE(Start(key_).ok());
  EXPECT_TRUE(NoteInClear("R-2026-000002"));
  EXPECT_EQ(HashLength("later"), "40");
}

TEST_F(StartUpgradesTest, ANewRequestKeyChecksTheHashesAgain) {
  ASSERT_TRUE(Start(key_).ok());
  WriteForeignHash("later");
  const store::RequestHasher renewed(KeyOf('n'));
  ASSERT_TRUE(Start(renewed).ok());
  EXPECT_EQ(HashLength("later"), "0");
}

TEST_F(StartUpgradesTest, ADatabaseWithoutTheRecordsIsWalkedAgain) {
  const std::string person = RegisterNew("Ioana");
  ASSERT_TRUE(Start(key_).ok());
  WriteClearNote("R-2026-000003", person);
  WriteForeignHash("later");
  ASSERT_TRUE(Write("DELETE FROM upgrade_steps").ok());
  ASSERT_TRUE(Start(key_).ok());
  EXPECT_FALSE(NoteInClear("R-2026-000003"));
  EXPECT_EQ(HashLength("later"), "0");
}

}  // namespace
}  // namespace rosa::testing_person
