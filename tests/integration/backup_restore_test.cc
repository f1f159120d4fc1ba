// Integration tests of `rosa-hub backup` and `rosa-hub restore` against the
// real hub: a backup taken while a client keeps submitting referrals holds
// every referral acknowledged before it began; restored into a fresh data
// directory with the keys from custody, the hub starts on it, serves those
// referrals and its audit log verifies against the backup's checkpoint.
// After the restore no event cursor or id handed out since the backup is
// handed out again. What a restore refuses: backup_refusal_test.cc.
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/backup/backup_manifest.h"
#include "hub/common/private_file.h"
#include "tests/integration/backup_restore_fixture.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::rosa::hub::v1;

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
  auto restored = StartRestored(backup);
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

// What the partners hold of the lost hub: the ids it gave and the cursors
// it delivered after the backup. After the restore none is handed out
// again: a partner resuming with its last cursor receives every new event
// (also one whose first event came after the backup), and new referrals
// get ids no partner holds.
TEST_F(BackupRestoreTest, AfterARestoreNoCursorOrIdIsHandedOutAgain) {
  PartnerClient rosa = Client("rosa");
  std::vector<std::string> handed_out;
  const auto submit = [&](PartnerClient& client, const char* recipient) {
    v1::SubmitReferralResponse response;
    EXPECT_THAT(client.Submit(NewReferralRequest(recipient), &response),
                IsOk());
    handed_out.push_back(response.referral().id());
    return response.referral().id();
  };
  for (int i = 0; i < 3; ++i) submit(rosa, "ks-oslo");
  const fs::path backup = outside_ / "backup";
  ASSERT_THAT(Backup(backup), AbslOk());
  // Lost with the hub: written and delivered after the backup.
  for (int i = 0; i < 3; ++i) submit(rosa, "ks-oslo");
  submit(rosa, "ks-telemark");
  uint64_t oslo_cursor = 0;
  uint64_t telemark_cursor = 0;
  {
    WatchStream oslo(Client("ks-oslo").channel(), WatchFrom(0));
    ASSERT_TRUE(oslo.WaitForEvents(6, absl::Seconds(30)));
    oslo_cursor = oslo.last_cursor();
    WatchStream telemark(Client("ks-telemark").channel(), WatchFrom(0));
    ASSERT_TRUE(telemark.WaitForEvents(1, absl::Seconds(30)));
    telemark_cursor = telemark.last_cursor();
  }
  auto restored = StartRestored(backup);
  ASSERT_TRUE(restored.ok()) << restored.status();
  const auto channel = [&](const char* partner) {
    return PartnerChannel((*restored)->port(), (*restored)->pki_dir(), partner);
  };
  WatchStream oslo(channel("ks-oslo"), WatchFrom(oslo_cursor));
  WatchStream telemark(channel("ks-telemark"), WatchFrom(telemark_cursor));
  PartnerClient restored_rosa(channel("rosa"));
  const std::vector<std::string> lost = handed_out;
  const std::string to_oslo = submit(restored_rosa, "ks-oslo");
  const std::string to_telemark = submit(restored_rosa, "ks-telemark");
  EXPECT_THAT(lost, ::testing::Not(::testing::Contains(to_oslo)));
  EXPECT_THAT(lost, ::testing::Not(::testing::Contains(to_telemark)));

  ASSERT_TRUE(oslo.WaitForEvents(1, absl::Seconds(30)))
      << "ended: " << oslo.ended();
  EXPECT_EQ(oslo.events()[0].referral().referral().id(), to_oslo);
  EXPECT_GT(oslo.events()[0].cursor(), oslo_cursor);
  ASSERT_TRUE(telemark.WaitForEvents(1, absl::Seconds(30)))
      << "ended: " << telemark.ended();
  EXPECT_EQ(telemark.events()[0].referral().referral().id(), to_telemark);
  EXPECT_GT(telemark.events()[0].cursor(), telemark_cursor);
}

}  // namespace
}  // namespace rosa::integration
