// Integration tests of `rosa-hub backup` and `rosa-hub restore` against the
// real hub: a backup taken while a client keeps submitting referrals holds
// every referral acknowledged before it began; restored into a fresh data
// directory with the keys from custody, the hub starts on it, serves those
// referrals and its audit log verifies against the backup's checkpoint.
// A backup altered after the fact is refused and leaves the data directory
// as it was: a file (by its digest), the database or pki/ with the digests
// recomputed (by the manifest's signature), or the audit log even with the
// manifest signed again by the hub's key (by the signed checkpoint).
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/backup/backup_manifest.h"
#include "hub/common/private_file.h"
#include "hub/store/sqlite.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::rosa::hub::v1;
using ::testing::HasSubstr;

MATCHER(AbslOk, "is OK") {
  *result_listener << "which is " << arg.ToString();
  return arg.ok();
}

class BackupRestoreTest : public HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    auto dir = MakeTempDir("backup-outside");
    ASSERT_TRUE(dir.ok()) << dir.status();
    outside_ = *dir;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(outside_, ec);
  }

  // The private keys an operator keeps apart from backups: keys/ and the
  // PKI's private keys.
  void TakeKeysIntoCustody() {
    fs::create_directories(custody() / "pki");
    fs::copy(hub().data_dir() / "keys", custody() / "keys",
             fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(hub().pki_dir())) {
      if (entry.path().extension() == ".key") {
        fs::copy_file(entry.path(),
                      custody() / "pki" / entry.path().filename());
      }
    }
  }

  // Restores `backup` into `data_dir` as the README's drill says: keys/
  // from custody first, then `rosa-hub restore`, then the PKI's keys.
  absl::Status RestoreWithKeys(const fs::path& backup,
                               const fs::path& data_dir) {
    std::error_code ec;
    fs::copy(custody() / "keys", data_dir / "keys", fs::copy_options::recursive,
             ec);
    if (ec) return absl::InternalError("cannot copy keys/ from custody");
    if (absl::Status s = RunHubCommand({"restore", "--from", backup.string(),
                                        "--data-dir", data_dir.string()},
                                       outside_ / "restore.log");
        !s.ok()) {
      return s;
    }
    for (const auto& entry : fs::directory_iterator(custody() / "pki")) {
      fs::copy_file(entry.path(), data_dir / "pki" / entry.path().filename(),
                    ec);
      if (ec) return absl::InternalError("cannot copy a PKI key from custody");
    }
    return absl::OkStatus();
  }

  absl::Status Backup(const fs::path& out) {
    return RunHubCommand({"backup", "--data-dir", hub().data_dir().string(),
                          "--out", out.string()},
                         outside_ / "backup.log");
  }

  fs::path custody() const { return outside_ / "custody"; }

  fs::path outside_;
};

// Submits referrals for ks-oslo until stopped, recording each id once the
// hub has acknowledged it.
class SteadyWriter {
 public:
  explicit SteadyWriter(PartnerClient client)
      : client_(std::move(client)), thread_([this] { Run(); }) {}
  ~SteadyWriter() { Stop(); }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::string> Acknowledged() {
    std::lock_guard<std::mutex> lock(mu_);
    return acked_;
  }
  // Waits until at least `n` referrals are acknowledged.
  bool WaitFor(size_t n, absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (Acknowledged().size() >= n) return true;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }

 private:
  void Run() {
    while (!stop_) {
      v1::SubmitReferralResponse response;
      if (client_.Submit(NewReferralRequest("ks-oslo"), &response).ok()) {
        std::lock_guard<std::mutex> lock(mu_);
        acked_.push_back(response.referral().id());
      }
    }
  }

  PartnerClient client_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> acked_;  // Guarded by mu_.
  std::thread thread_;
};

TEST_F(BackupRestoreTest, RestoredHubServesEveryReferralAcknowledgedBefore) {
  SteadyWriter writer(Client("rosa"));
  ASSERT_TRUE(writer.WaitFor(20, absl::Seconds(60)));
  const std::vector<std::string> before = writer.Acknowledged();
  // Renamed copies of private keys lying in pki/, as an operator leaves
  // them behind.
  fs::copy_file(hub().pki_dir() / "hub.key", hub().pki_dir() / "hub.key.old");
  fs::copy_file(hub().pki_dir() / "ca.key", hub().pki_dir() / "ca.key~");
  const fs::path backup = outside_ / "backup";
  ASSERT_THAT(Backup(backup), AbslOk());
  // The hub kept taking writes during and after the copy.
  ASSERT_TRUE(writer.WaitFor(before.size() + 10, absl::Seconds(60)));
  writer.Stop();
  TakeKeysIntoCustody();

  HubOptions options;
  options.prepare_data_dir = [&](const fs::path& dir) {
    return RestoreWithKeys(backup, dir);
  };
  auto restored = HubProcess::Start(options);
  ASSERT_TRUE(restored.ok()) << restored.status();
  PartnerClient rosa(
      PartnerChannel((*restored)->port(), (*restored)->pki_dir(), "rosa"));
  for (const std::string& id : before) {
    v1::Referral referral;
    ASSERT_THAT(rosa.Get(id, &referral), IsOk()) << id;
    EXPECT_EQ(referral.id(), id);
  }

  // The restored log verifies against the checkpoint the backup signed.
  auto manifest_json = ReadSmallFile(backup / "manifest.json", 4 << 20);
  ASSERT_TRUE(manifest_json.ok()) << manifest_json.status();
  auto manifest = backup::ManifestFromJson(*manifest_json);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  auto checkpoint = audit::CheckpointOf(manifest->audit_checkpoint);
  ASSERT_TRUE(checkpoint.ok());
  EXPECT_GE(checkpoint->size, before.size());
  // The same checkpoint, alone, is what `audit verify` reads.
  EXPECT_THAT(RunHubCommand({"audit", "verify", "--data-dir",
                             (*restored)->data_dir().string(), "--checkpoint",
                             (backup / "audit-checkpoint.json").string()},
                            outside_ / "verify.log"),
              AbslOk());
  // The backup held no private key, by name or by content.
  EXPECT_FALSE(fs::exists(backup / "keys"));
  for (const auto& entry : fs::recursive_directory_iterator(backup)) {
    EXPECT_NE(entry.path().extension(), ".key") << entry.path();
    if (!entry.is_regular_file()) continue;
    auto content = ReadSmallFile(entry.path(), 64 << 20);
    ASSERT_TRUE(content.ok()) << entry.path();
    EXPECT_EQ(content->find("PRIVATE KEY"), std::string::npos) << entry.path();
  }
}

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

}  // namespace
}  // namespace rosa::integration
