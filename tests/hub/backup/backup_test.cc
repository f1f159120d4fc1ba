// Tests for hub/backup/backup and hub/backup/restore on a real store: what a
// backup holds (never a private key), that a restore checks digests, the
// audit log and its length against the manifest with the hub's own key,
// and that it never overwrites and cleans up after a refusal. The real
// process under write load: tests/integration/backup_restore_test.cc.
#include "hub/backup/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hub/audit/audit_keeper.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/backup/restore.h"
#include "hub/common/private_file.h"
#include "hub/store/database_file.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::backup {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr int kEntries = 7;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.File("data");
    fs::create_directories(data_ / "pki");
    fs::permissions(data_, fs::perms::owner_all);
    fs::permissions(data_ / "pki", fs::perms::owner_all);
    ASSERT_TRUE(audit::AuditKeeper::Open(data_).ok());
    auto conn = audit::test_util::OpenStore(store::DatabasePath(data_));
    ASSERT_NE(conn, nullptr);
    for (int i = 0; i < kEntries; ++i) {
      audit::test_util::AppendCommitted(*conn, audit::test_util::MakeEntry(i));
    }
    Write(data_ / "pki" / "ca.pem", "certificate");
    Write(data_ / "pki" / "hub.key", "private");
  }

  static void Write(const fs::path& path, const std::string& text) {
    ASSERT_TRUE(WriteFileAtomically(path, text).ok()) << path;
  }

  // A fresh data directory holding keys/ copied from the original.
  fs::path TargetWithKeys(const std::string& name) {
    const fs::path target = dir_.File(name);
    fs::create_directories(target);
    fs::copy(data_ / "keys", target / "keys", fs::copy_options::recursive);
    return target;
  }

  std::vector<std::string> Names(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      names.push_back(fs::relative(entry.path(), dir).string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  testutil::TempDir dir_;
  fs::path data_;
};

TEST_F(BackupTest, HoldsTheDatabaseAndCertificatesNeverAKey) {
  auto manifest = TakeBackup(data_, dir_.File("backup"), absl::Now());
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  EXPECT_THAT(Names(dir_.File("backup")),
              ::testing::ElementsAre("audit-checkpoint.json", "manifest.json",
                                     "pki", "pki/ca.pem", "rosa-hub.db"));
  auto checkpoint = audit::CheckpointOf(manifest->audit_checkpoint);
  ASSERT_TRUE(checkpoint.ok());
  EXPECT_EQ(checkpoint->size, static_cast<uint64_t>(kEntries));
}

TEST_F(BackupTest, RefusesANonEmptyOutputDirectory) {
  fs::create_directories(dir_.File("backup"));
  Write(dir_.File("backup") / "old", "x");
  auto manifest = TakeBackup(data_, dir_.File("backup"), absl::Now());
  EXPECT_EQ(manifest.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(BackupTest, RestoresIntoADirectoryHoldingOnlyKeys) {
  ASSERT_TRUE(TakeBackup(data_, dir_.File("backup"), absl::Now()).ok());
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreBackup(RestoreOptions{
      .from = dir_.File("backup"), .data_dir = target, .public_key_file = {}});
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(fs::exists(store::DatabasePath(target)));
  EXPECT_TRUE(fs::exists(target / "pki" / "ca.pem"));
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::all,
            fs::perms::owner_all);
}

TEST_F(BackupTest, RefusesAShortenedLogEvenWhenDigestsAreResealed) {
  ASSERT_TRUE(TakeBackup(data_, dir_.File("backup"), absl::Now()).ok());
  {
    auto conn =
        store::Connection::Open(store::DatabasePath(dir_.File("backup")),
                                store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Exec("DROP TRIGGER audit_log_no_delete;"
                           " DELETE FROM audit_log WHERE idx = 6;"
                           " PRAGMA wal_checkpoint(TRUNCATE);")
                    .ok());
  }
  auto json = ReadSmallFile(dir_.File("backup") / kManifestFile, 1 << 20);
  ASSERT_TRUE(json.ok());
  auto manifest = ManifestFromJson(*json);
  ASSERT_TRUE(manifest.ok());
  for (BackupFile& file : manifest->files) {
    file = *DescribeFile(dir_.File("backup"), file.path);
  }
  Write(dir_.File("backup") / kManifestFile, *ManifestToJson(*manifest));

  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreBackup(RestoreOptions{
      .from = dir_.File("backup"), .data_dir = target, .public_key_file = {}});
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("audit log"));
  EXPECT_THAT(Names(target), ::testing::Contains("keys"));
  EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
  EXPECT_FALSE(fs::exists(target / "pki"));
}

TEST_F(BackupTest, RefusesACheckpointSignedByAnotherKey) {
  ASSERT_TRUE(TakeBackup(data_, dir_.File("backup"), absl::Now()).ok());
  // Another hub's keys: the manifest's signature is not by that hub.
  const fs::path other = dir_.File("other");
  fs::create_directories(other);
  fs::permissions(other, fs::perms::owner_all);
  ASSERT_TRUE(audit::AuditKeeper::Open(other).ok());
  const fs::path target = dir_.File("restored");
  auto restored = RestoreBackup(RestoreOptions{
      .from = dir_.File("backup"),
      .data_dir = target,
      .public_key_file = audit::AuditKeeper::PublicKeyPath(other)});
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
}

TEST_F(BackupTest, RefusesWithoutTheHubsPublicKey) {
  ASSERT_TRUE(TakeBackup(data_, dir_.File("backup"), absl::Now()).ok());
  auto restored =
      RestoreBackup(RestoreOptions{.from = dir_.File("backup"),
                                   .data_dir = dir_.File("restored"),
                                   .public_key_file = {}});
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("custody"));
}

}  // namespace
}  // namespace rosa::backup
