// BackupFixture: a data directory on a real store (full schema, an audit
// log of kEntries entries, its audit signing key, pki/ with a certificate
// and a private key) for the tests of hub/backup, and what they do to it:
// take a backup, make a restore target holding keys/, change a backup's
// manifest as someone with write access to the backup storage could (and,
// for the checks behind the signature, as someone holding the hub's key).
//
// Thread-compatible: one test thread.
#ifndef ROSA_TESTS_HUB_BACKUP_BACKUP_FIXTURE_H_
#define ROSA_TESTS_HUB_BACKUP_BACKUP_FIXTURE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_keeper.h"
#include "hub/backup/backup.h"
#include "hub/backup/backup_manifest.h"
#include "hub/backup/restore.h"
#include "hub/common/private_file.h"
#include "hub/store/database_file.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::backup {

class BackupFixture : public ::testing::Test {
 protected:
  static constexpr int kEntries = 7;

  void SetUp() override {
    data_ = dir_.File("data");
    std::filesystem::create_directories(data_ / "pki");
    std::filesystem::permissions(data_, std::filesystem::perms::owner_all);
    std::filesystem::permissions(data_ / "pki",
                                 std::filesystem::perms::owner_all);
    ASSERT_TRUE(audit::AuditKeeper::Open(data_).ok());
    auto conn = audit::test_util::OpenStore(store::DatabasePath(data_));
    ASSERT_NE(conn, nullptr);
    for (int i = 0; i < kEntries; ++i) {
      audit::test_util::AppendCommitted(*conn, audit::test_util::MakeEntry(i));
    }
    Write(data_ / "pki" / "ca.pem", "certificate");
    Write(data_ / "pki" / "hub.key", "private");
  }

  static void Write(const std::filesystem::path& path,
                    const std::string& text) {
    ASSERT_TRUE(WriteFileAtomically(path, text).ok()) << path;
  }

  // The data directory's database, opened for writing.
  std::unique_ptr<store::Connection> OpenData() {
    return audit::test_util::OpenStore(store::DatabasePath(data_));
  }

  // Runs `sql` on the data directory's database.
  void ExecData(const std::string& sql) {
    auto conn = OpenData();
    ASSERT_NE(conn, nullptr);
    ASSERT_TRUE(conn->Exec(sql).ok()) << sql;
  }

  std::filesystem::path backup() const { return dir_.File("backup"); }

  // Takes a backup of the data directory into backup().
  void TakeBackupNow() {
    auto manifest = TakeBackup(data_, backup(), absl::Now());
    ASSERT_TRUE(manifest.ok()) << manifest.status();
  }

  // A fresh data directory holding keys/ copied from the original.
  std::filesystem::path TargetWithKeys(const std::string& name) {
    const std::filesystem::path target = dir_.File(name);
    std::filesystem::create_directories(target);
    std::filesystem::copy(data_ / "keys", target / "keys",
                          std::filesystem::copy_options::recursive);
    return target;
  }

  absl::StatusOr<BackupManifest> RestoreInto(
      const std::filesystem::path& target) {
    return RestoreBackup(RestoreOptions{
        .from = backup(), .data_dir = target, .public_key_file = {}});
  }

  // Reads the backup's manifest, lets `change` alter it, and writes it
  // back, as anyone with write access to the backup storage could.
  void RewriteManifest(const std::function<void(BackupManifest&)>& change) {
    auto json = ReadSmallFile(backup() / kManifestFile, 1 << 20);
    ASSERT_TRUE(json.ok()) << json.status();
    auto manifest = ManifestFromJson(*json);
    ASSERT_TRUE(manifest.ok()) << manifest.status();
    change(*manifest);
    auto text = ManifestToJson(*manifest);
    ASSERT_TRUE(text.ok()) << text.status();
    Write(backup() / kManifestFile, *text);
  }

  // Sets every file's size and SHA-256 in the manifest to what the backup
  // holds now. With `resign`, also signs the manifest again with the hub's
  // audit key (as only someone holding that key could).
  void ResealDigests(bool resign = false) {
    RewriteManifest([&](BackupManifest& manifest) {
      for (BackupFile& file : manifest.files) {
        auto now = DescribeFile(backup(), file.path);
        ASSERT_TRUE(now.ok()) << now.status();
        file = *now;
      }
      if (!resign) return;
      auto keeper = audit::AuditKeeper::OpenExisting(data_);
      ASSERT_TRUE(keeper.ok()) << keeper.status();
      ASSERT_TRUE(SignManifest((*keeper)->key(), manifest).ok());
    });
  }

  // Sets the schema version (PRAGMA user_version) of the backup's database.
  void SetBackupSchemaVersion(int version) {
    auto conn = store::Connection::Open(store::DatabasePath(backup()),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_TRUE((*conn)
                    ->Exec(absl::StrCat("PRAGMA user_version = ", version,
                                        "; PRAGMA wal_checkpoint(TRUNCATE);"))
                    .ok());
  }

  // Turns the backup's manifest into an unsigned one of format 1, as a hub
  // wrote it before manifests were signed.
  void MakeManifestUnsigned() {
    RewriteManifest([](BackupManifest& manifest) {
      manifest.signature.clear();
      manifest.unsigned_legacy = true;
    });
  }

  std::vector<std::string> Names(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(dir)) {
      names.push_back(std::filesystem::relative(entry.path(), dir).string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  testutil::TempDir dir_;
  std::filesystem::path data_;
};

}  // namespace rosa::backup

#endif  // ROSA_TESTS_HUB_BACKUP_BACKUP_FIXTURE_H_
