// Tests for hub/backup/backup on a real store: what a backup holds (never
// a private key, by name or by content) and that it never overwrites. Restoring
// it: restore_test.cc; the real process under write load:
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

// A private key is known by its content, not only by the name *.key: a
// renamed copy, or a certificate and its key in one file, stays out.
TEST_F(BackupTest, LeavesOutEveryFileHoldingAPrivateKeyWhateverItsName) {
  const std::string key =
      "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n"
      "-----END PRIVATE KEY-----\n";
  Write(data_ / "pki" / "hub.key.old", key);
  Write(data_ / "pki" / "ca.key~",
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
  Write(data_ / "pki" / "bundle.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" + key);
  Write(data_ / "pki" / "old.txt",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n");
  auto manifest = TakeBackup(data_, backup(), absl::Now());
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  EXPECT_THAT(Names(backup()),
              ::testing::ElementsAre("audit-checkpoint.json", "manifest.json",
                                     "pki", "pki/ca.pem", "rosa-hub.db"));
  for (const BackupFile& file : manifest->files) {
    EXPECT_THAT(file.path, ::testing::AnyOf("rosa-hub.db", "pki/ca.pem"));
  }
}

TEST_F(BackupTest, RefusesANonEmptyOutputDirectory) {
  fs::create_directories(backup());
  Write(backup() / "old", "x");
  auto manifest = TakeBackup(data_, backup(), absl::Now());
  EXPECT_EQ(manifest.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace rosa::backup
