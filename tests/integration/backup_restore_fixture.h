// BackupRestoreTest: a fixture for the integration tests of `rosa-hub
// backup` and `rosa-hub restore` against the real hub. It keeps a folder
// outside the hub's data directory for backups and for key custody (keys/
// and the PKI's private keys, kept apart from backups), runs the commands
// as an operator does, and restores as the README's drill says.
// Header-only. Thread-compatible: one test thread.
#ifndef ROSA_TESTS_INTEGRATION_BACKUP_RESTORE_FIXTURE_H_
#define ROSA_TESTS_INTEGRATION_BACKUP_RESTORE_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {

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
    std::filesystem::remove_all(outside_, ec);
  }

  // The private keys an operator keeps apart from backups: keys/ and the
  // PKI's private keys.
  void TakeKeysIntoCustody() {
    std::filesystem::create_directories(custody() / "pki");
    std::filesystem::copy(hub().data_dir() / "keys", custody() / "keys",
                          std::filesystem::copy_options::recursive);
    for (const auto& entry :
         std::filesystem::directory_iterator(hub().pki_dir())) {
      if (entry.path().extension() == ".key") {
        std::filesystem::copy_file(entry.path(),
                                   custody() / "pki" / entry.path().filename());
      }
    }
  }

  // Restores `backup` into `data_dir` as the README's drill says: keys/
  // from custody first, then `rosa-hub restore`, then the PKI's keys.
  absl::Status RestoreWithKeys(const std::filesystem::path& backup,
                               const std::filesystem::path& data_dir) {
    std::error_code ec;
    std::filesystem::copy(custody() / "keys", data_dir / "keys",
                          std::filesystem::copy_options::recursive, ec);
    if (ec) return absl::InternalError("cannot copy keys/ from custody");
    if (absl::Status s = RunHubCommand({"restore", "--from", backup.string(),
                                        "--data-dir", data_dir.string()},
                                       outside_ / "restore.log");
        !s.ok()) {
      return s;
    }
    for (const auto& entry :
         std::filesystem::directory_iterator(custody() / "pki")) {
      std::filesystem::copy_file(
          entry.path(), data_dir / "pki" / entry.path().filename(), ec);
      if (ec) return absl::InternalError("cannot copy a PKI key from custody");
    }
    return absl::OkStatus();
  }

  // A hub started on a data directory restored from `backup` (keys taken
  // into custody first), as an operator brings the hub back.
  absl::StatusOr<std::unique_ptr<HubProcess>> StartRestored(
      const std::filesystem::path& backup) {
    TakeKeysIntoCustody();
    HubOptions options;
    options.prepare_data_dir = [this,
                                backup](const std::filesystem::path& dir) {
      return RestoreWithKeys(backup, dir);
    };
    return HubProcess::Start(options);
  }

  absl::Status Backup(const std::filesystem::path& out) {
    return RunHubCommand({"backup", "--data-dir", hub().data_dir().string(),
                          "--out", out.string()},
                         outside_ / "backup.log");
  }

  std::filesystem::path custody() const { return outside_ / "custody"; }

  std::filesystem::path outside_;
};

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_BACKUP_RESTORE_FIXTURE_H_
