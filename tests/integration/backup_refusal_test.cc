// Integration tests of what `rosa-hub restore` refuses, against the real
// hub. A backup altered after the fact is refused and leaves the data
// directory as it was: a file (by its digest), the database or pki/ with
// the digests recomputed (by the manifest's signature), or the audit log
// even with the manifest signed again by the hub's key (by the signed
// checkpoint); a data directory that is not empty is never overwritten;
// and a backup from before a KEK rotation needs the keys of its own time.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_keeper.h"
#include "hub/backup/backup_manifest.h"
#include "hub/common/private_file.h"
#include "hub/store/sqlite.h"
#include "tests/integration/backup_restore_fixture.h"
#include "tests/integration/hub_client.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::rosa::hub::v1;
using ::testing::HasSubstr;

class TamperedBackupTest : public BackupRestoreTest {
 protected:
  void SetUp() override {
    BackupRestoreTest::SetUp();
    PartnerClient rosa = Client("rosa");
    for (int i = 0; i < 5; ++i) {
      v1::SubmitReferralResponse response;
      ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response),
                  IsOk());
    }
    ASSERT_THAT(Backup(backup()), AbslOk());
    TakeKeysIntoCustody();
    auto dir = MakeTempDir("restore-target");
    ASSERT_TRUE(dir.ok());
    target_ = *dir;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(target_, ec);
    BackupRestoreTest::TearDown();
  }

  // Rewrites every file's digest in the manifest to match its bytes now, as
  // anyone who can write to the backup storage could. With `resign`, also
  // signs the manifest again with the hub's audit key from custody (as only
  // someone holding it could).
  void ResealDigests(bool resign = false) {
    auto json = ReadSmallFile(backup() / "manifest.json", 4 << 20);
    ASSERT_TRUE(json.ok());
    auto manifest = backup::ManifestFromJson(*json);
    ASSERT_TRUE(manifest.ok());
    for (backup::BackupFile& file : manifest->files) {
      auto now = backup::DescribeFile(backup(), file.path);
      ASSERT_TRUE(now.ok());
      file = *now;
    }
    if (resign) {
      auto keeper = audit::AuditKeeper::OpenExisting(custody());
      ASSERT_TRUE(keeper.ok()) << keeper.status();
      ASSERT_THAT(backup::SignManifest((*keeper)->key(), *manifest), AbslOk());
    }
    auto text = backup::ManifestToJson(*manifest);
    ASSERT_TRUE(text.ok());
    ASSERT_THAT(WriteFileAtomically(backup() / "manifest.json", *text),
                AbslOk());
  }

  // What the refused restore left: only keys/ from custody.
  void ExpectOnlyKeysLeft() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(target_)) {
      names.push_back(entry.path().filename().string());
    }
    EXPECT_THAT(names, ::testing::ElementsAre("keys"));
  }

  fs::path backup() const { return outside_ / "backup"; }
  fs::path target_;
};

TEST_F(TamperedBackupTest, AlteredAuditEntryIsRefusedEvenWithMatchingDigest) {
  {
    auto conn = store::Connection::Open(backup() / "rosa-hub.db",
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_THAT((*conn)->Exec("DROP TRIGGER audit_log_no_update;"
                              " UPDATE audit_log SET entry = entry || x'00'"
                              " WHERE idx = 1;"),
                AbslOk());
    ASSERT_THAT((*conn)->Exec("PRAGMA wal_checkpoint(TRUNCATE)"), AbslOk());
  }
  // Even signed again with the hub's own key, the log gives it away.
  ResealDigests(/*resign=*/true);
  const absl::Status refused = RestoreWithKeys(backup(), target_);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("does not verify against its manifest"));
  ExpectOnlyKeysLeft();
}

// Someone who can write to the backup storage deletes the referrals and
// adds a console user of their own, then recomputes the digest: the
// manifest's signature, which they cannot make, gives it away.
TEST_F(TamperedBackupTest, AlteredDatabaseIsRefusedEvenWithMatchingDigest) {
  {
    auto conn = store::Connection::Open(backup() / "rosa-hub.db",
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_THAT(
        (*conn)->Exec(
            "DELETE FROM referrals; INSERT INTO console_users(partner, name,"
            " state, enrol_expires_us, password_hash, totp_last_step,"
            " failed_logins, locked_until_us, created_us) VALUES ('rosa',"
            " 'intruder', 1, 0, 'x', 0, 0, 0, 0);"
            " PRAGMA wal_checkpoint(TRUNCATE);"),
        AbslOk());
  }
  ResealDigests();
  const absl::Status refused = RestoreWithKeys(backup(), target_);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("manifest's signature does not verify"));
  ExpectOnlyKeysLeft();
}

// The same for pki/: a CA of one's own added to ca.pem, the revocation
// list dropped.
TEST_F(TamperedBackupTest, AlteredPkiIsRefusedEvenWithMatchingDigests) {
  {
    std::ofstream out(backup() / "pki" / "ca.pem", std::ios::app);
    out << *ReadSmallFile(backup() / "pki" / "hub.pem", 1 << 20);
  }
  std::error_code ec;
  fs::remove(backup() / "pki" / "revoked.txt", ec);
  ResealDigests();
  auto json = ReadSmallFile(backup() / "manifest.json", 4 << 20);
  ASSERT_TRUE(json.ok());
  auto manifest = backup::ManifestFromJson(*json);
  ASSERT_TRUE(manifest.ok());
  std::erase_if(manifest->files, [](const backup::BackupFile& file) {
    return file.path == "pki/revoked.txt";
  });
  ASSERT_THAT(WriteFileAtomically(backup() / "manifest.json",
                                  *backup::ManifestToJson(*manifest)),
              AbslOk());
  const absl::Status refused = RestoreWithKeys(backup(), target_);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("manifest's signature does not verify"));
  ExpectOnlyKeysLeft();
}

TEST_F(TamperedBackupTest, AlteredFileIsRefusedByItsDigest) {
  {
    std::ofstream out(backup() / "pki" / "revoked.txt", std::ios::app);
    out << "00\n";
  }
  // revoked.txt may not exist in a fresh PKI; the certificate always does.
  {
    std::ofstream out(backup() / "pki" / "ca.pem", std::ios::app);
    out << "\n";
  }
  const absl::Status refused = RestoreWithKeys(backup(), target_);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("does not match the manifest"));
  ExpectOnlyKeysLeft();
}

TEST_F(TamperedBackupTest, NonEmptyDataDirectoryIsNeverOverwritten) {
  {
    std::ofstream out(target_ / "rosa-hub.db");
    out << "existing";
  }
  const absl::Status refused = RestoreWithKeys(backup(), target_);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()), HasSubstr("not empty"));
  EXPECT_EQ(*ReadSmallFile(target_ / "rosa-hub.db", 100), "existing");
}

// A backup from before a `rosa-hub keys rotate`, restored with the keys of
// after it (the older copy of keys/ destroyed, as the README says): every
// person would be unreadable while the hub took new writes. Restore refuses
// it, naming the KEK version, and so does the hub's start on such a data
// directory put together by hand.
TEST_F(BackupRestoreTest, BackupFromBeforeAKeyRotationNeedsTheKeysOfItsTime) {
  PartnerClient rosa = Client("rosa");
  std::string person_id;
  ASSERT_THAT(rosa.RegisterPersonWithConsent(
                  "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, &person_id),
              IsOk());
  const fs::path backup = outside_ / "backup";
  ASSERT_THAT(Backup(backup), AbslOk());
  auto stopped = hub().Terminate();
  ASSERT_TRUE(stopped.ok() && stopped->success());
  ASSERT_THAT(
      RunHubCommand({"keys", "rotate", "--data-dir", hub().data_dir().string()},
                    outside_ / "rotate.log"),
      AbslOk());
  TakeKeysIntoCustody();  // Only the keys of after the rotation.

  auto target = MakeTempDir("restore-target");
  ASSERT_TRUE(target.ok());
  const absl::Status refused = RestoreWithKeys(backup, *target);
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("KEK version 1, which keys/kek does not hold (it "
                        "holds 2)"));
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("keys/ from its own time"));
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(*target)) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(left, ::testing::ElementsAre("keys"));
  std::error_code ec;
  fs::remove_all(*target, ec);

  HubOptions by_hand;
  by_hand.prepare_data_dir = [&](const fs::path& dir) {
    std::error_code error;
    fs::copy(custody(), dir, fs::copy_options::recursive, error);
    fs::copy(backup / "pki", dir / "pki", fs::copy_options::recursive, error);
    fs::copy_file(backup / "rosa-hub.db", dir / "rosa-hub.db", error);
    return error ? absl::InternalError("cannot put the directory together")
                 : absl::OkStatus();
  };
  auto started = HubProcess::Start(by_hand);
  ASSERT_FALSE(started.ok());
  EXPECT_THAT(std::string(started.status().message()),
              HasSubstr("KEK version 1, which keys/kek does not hold"));
}

}  // namespace
}  // namespace rosa::integration
