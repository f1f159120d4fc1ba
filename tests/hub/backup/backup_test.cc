// Tests for hub/backup/backup on a real store: what a backup holds (never
// a private key) and that it never overwrites. Restoring it:
// restore_test.cc; the real process under write load:
// tests/integration/backup_restore_test.cc.
#include "hub/backup/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "hub/audit/stored_log_verifier.h"
#include "tests/hub/backup/backup_fixture.h"

namespace rosa::backup {
namespace {

namespace fs = std::filesystem;

using BackupTest = BackupFixture;

TEST_F(BackupTest, HoldsTheDatabaseAndCertificatesNeverAKey) {
  auto manifest = TakeBackup(data_, backup(), absl::Now());
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  EXPECT_THAT(Names(backup()),
              ::testing::ElementsAre("audit-checkpoint.json", "manifest.json",
                                     "pki", "pki/ca.pem", "rosa-hub.db"));
  auto checkpoint = audit::CheckpointOf(manifest->audit_checkpoint);
  ASSERT_TRUE(checkpoint.ok());
  EXPECT_EQ(checkpoint->size, static_cast<uint64_t>(kEntries));
}

TEST_F(BackupTest, RefusesANonEmptyOutputDirectory) {
  fs::create_directories(backup());
  Write(backup() / "old", "x");
  auto manifest = TakeBackup(data_, backup(), absl::Now());
  EXPECT_EQ(manifest.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace rosa::backup
