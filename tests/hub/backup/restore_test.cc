// Tests for hub/backup/restore on a real store: a restore checks digests,
// the audit log and its length against the manifest with the hub's own
// key, never overwrites, and cleans up after a refusal.
#include "hub/backup/restore.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/hub/backup/backup_fixture.h"

namespace rosa::backup {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using RestoreTest = BackupFixture;

TEST_F(RestoreTest, RestoresIntoADirectoryHoldingOnlyKeys) {
  TakeBackupNow();
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(fs::exists(store::DatabasePath(target)));
  EXPECT_TRUE(fs::exists(target / "pki" / "ca.pem"));
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::all,
            fs::perms::owner_all);
}

TEST_F(RestoreTest, RefusesAShortenedLogEvenWhenDigestsAreResealed) {
  TakeBackupNow();
  {
    auto conn = store::Connection::Open(store::DatabasePath(backup()),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Exec("DROP TRIGGER audit_log_no_delete;"
                           " DELETE FROM audit_log WHERE idx = 6;"
                           " PRAGMA wal_checkpoint(TRUNCATE);")
                    .ok());
  }
  ResealDigests();

  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("audit log"));
  EXPECT_THAT(Names(target), ::testing::Contains("keys"));
  EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
  EXPECT_FALSE(fs::exists(target / "pki"));
}

TEST_F(RestoreTest, RefusesACheckpointSignedByAnotherKey) {
  TakeBackupNow();
  // Another hub's keys: the manifest's signature is not by that hub.
  const fs::path other = dir_.File("other");
  fs::create_directories(other);
  fs::permissions(other, fs::perms::owner_all);
  ASSERT_TRUE(audit::AuditKeeper::Open(other).ok());
  const fs::path target = dir_.File("restored");
  auto restored = RestoreBackup(RestoreOptions{
      .from = backup(),
      .data_dir = target,
      .public_key_file = audit::AuditKeeper::PublicKeyPath(other)});
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
}

TEST_F(RestoreTest, RefusesWithoutTheHubsPublicKey) {
  TakeBackupNow();
  auto restored = RestoreInto(dir_.File("restored"));
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("custody"));
}

}  // namespace
}  // namespace rosa::backup
