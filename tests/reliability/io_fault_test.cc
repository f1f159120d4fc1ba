// I/O faults under the real store and desks: the CrashVfs fails one chosen
// write (SQLITE_IOERR_WRITE or SQLITE_FULL), sync (SQLITE_IOERR_FSYNC) or
// read (SQLITE_IOERR_READ) while a seeded workload runs. A failed write or
// sync fails the store closed, as group_commit_writer.h documents: the
// failure is reported (on_write_failure, which the hub turns into health
// NOT_SERVING) and every later write is UNAVAILABLE; nothing is
// acknowledged that did not commit. The power is then cut (what the failed
// sync did not make durable may be lost, torn or reordered), the store is
// reopened on a healthy VFS and checked with CheckRecovered: every
// acknowledged operation is there exactly once.
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/reliability/power_loss.h"
#include "tests/reliability/recovery_check.h"
#include "tests/reliability/workload.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::reliability {
namespace {

using Kind = CrashVfs::OpKind;

struct FaultCase {
  Kind kind;
  int code;
  uint64_t nth;
  std::string Name() const {
    return absl::StrCat(kind == Kind::kWrite  ? "write"
                        : kind == Kind::kSync ? "sync"
                                              : "read",
                        " #", nth, " -> ", code);
  }
};

std::vector<FaultCase> Cases() {
  std::vector<FaultCase> cases;
  for (uint64_t n : {1, 2, 3, 5, 8, 13, 21, 34, 55}) {
    cases.push_back({Kind::kWrite, SQLITE_IOERR_WRITE, n});
    cases.push_back({Kind::kWrite, SQLITE_FULL, n});
    cases.push_back({Kind::kSync, SQLITE_IOERR_FSYNC, n});
  }
  for (uint64_t n : {1, 3, 10, 30, 100, 300, 1000}) {
    cases.push_back({Kind::kRead, SQLITE_IOERR_READ, n});
  }
  return cases;
}

class IoFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directory(dir_.File("keys"));
    std::filesystem::permissions(dir_.File("keys"),
                                 std::filesystem::perms::owner_all);
    auto shared = RigShared::Make(dir_.File("keys"));
    ASSERT_TRUE(shared.ok()) << shared.status();
    shared_ = std::move(*shared);
  }

  CrashVfs& vfs_ = TheCrashVfs();
  testutil::TempDir dir_;
  std::unique_ptr<RigShared> shared_;
};

TEST_F(IoFaultTest, FailsClosedAcknowledgesOnlyCommitsAndRecovers) {
  int failed_closed = 0, closed_after_checkpoint = 0, read_faults_hit = 0;
  uint64_t seed = 100, lost = 0;
  for (const FaultCase& c : Cases()) {
    SCOPED_TRACE(c.Name());
    ++seed;
    const auto db = dir_.File(absl::StrCat("hub-", seed, ".db"));
    ASSERT_TRUE(shared_->StartNewLog().ok());
    vfs_.Reset();
    Ledger ledger;
    {
      auto rig = HubRig::Open(db, vfs_.name(), shared_.get());
      ASSERT_TRUE(rig.ok()) << rig.status();
      vfs_.FailOp(c.kind, c.nth, c.code);
      Workload(seed, rig->get()).Run(40, ledger);
      const bool hit = vfs_.faults_returned() > 0;
      if (hit && c.kind != Kind::kRead) {
        // Every failed write or sync closes the writer, a failed commit
        // and a failed checkpoint after a durable commit alike: reported
        // first, and every later write refused.
        ASSERT_TRUE((*rig)->db().writer().failed());
        ++failed_closed;
        EXPECT_FALSE((*rig)->write_failure().ok());
        if (ledger.in_flight.has_value()) {
          auto again = Workload::Send(**rig, *ledger.in_flight);
          EXPECT_EQ(again.status().code(), absl::StatusCode::kUnavailable)
              << again.status();
        } else {
          // A checkpoint after the last operation's commit failed: all
          // of them were durable and acknowledged.
          ++closed_after_checkpoint;
          EXPECT_EQ(ledger.acked.size(), 40u);
        }
      } else if (hit) {
        ++read_faults_hit;
      } else {
        EXPECT_EQ(ledger.acked.size(), 40u) << "the fault was not reached";
      }
      // Then the power goes: what no sync made durable is at risk.
      vfs_.CutNow();
    }
    std::mt19937_64 rng(seed);
    ASSERT_TRUE(vfs_.ApplyCut(rng).ok());
    auto reopened = HubRig::Open(db, "", shared_.get());
    ASSERT_TRUE(reopened.ok()) << reopened.status();
    RecoveryResult result = CheckRecovered(**reopened, ledger);
    EXPECT_EQ(result.lost_acked, 0u);
    lost += result.lost_acked;
    for (const std::string& p : result.problems) ADD_FAILURE() << p;
    if (c.kind != Kind::kRead) {
      EXPECT_TRUE(ledger.unexpected.empty()) << ledger.unexpected.front();
    }
  }
  std::cout << "I/O faults: " << Cases().size() << " cases, " << failed_closed
            << " failed closed (" << closed_after_checkpoint
            << " after the last commit's checkpoint), " << read_faults_hit
            << " read faults; lost acknowledged writes = " << lost << "\n";
  EXPECT_GE(failed_closed, 20);
  EXPECT_GE(read_faults_hit, 3);
}

}  // namespace
}  // namespace rosa::reliability
