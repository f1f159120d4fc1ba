// The power-loss campaign in ctest: 200 cuts by default. The long campaign
// (deploy/run-reliability.sh) runs the same test with more cuts:
//   ROSA_POWER_CUTS   number of cuts (default 200)
//   ROSA_POWER_SECONDS stop after this many seconds (default: no limit)
//   ROSA_POWER_SEED   seed of the first cut (default 1)
#include "tests/reliability/power_loss.h"

#include <cstdlib>
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::reliability {
namespace {

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v == nullptr || *v == '\0' ? fallback : std::strtoull(v, nullptr, 10);
}

TEST(PowerLossTest, NoAcknowledgedWriteIsLostAndNothingIsHalfDone) {
  testutil::TempDir dir;
  CampaignOptions options;
  options.work_dir = dir.path();
  options.cuts = EnvOr("ROSA_POWER_CUTS", 200);
  options.first_seed = EnvOr("ROSA_POWER_SEED", 1);
  if (uint64_t s = EnvOr("ROSA_POWER_SECONDS", 0); s > 0) {
    options.budget = absl::Seconds(s);
  }
  auto figures = RunPowerLossCampaign(options, TheCrashVfs());
  ASSERT_TRUE(figures.ok()) << figures.status();
  std::cout << "power loss: " << figures->Summary() << "\n";
  for (const std::string& p : figures->problems) ADD_FAILURE() << p;
  EXPECT_EQ(figures->lost_acked, 0u);
  EXPECT_EQ(figures->failed_cuts, 0u);
  // The campaign did cut the power while writes were at risk, and tore and
  // reordered some of them; otherwise it proves nothing.
  EXPECT_GT(figures->acked_ops, figures->cuts);
  EXPECT_GT(figures->acked_ingests, 0u);
  EXPECT_GT(figures->cuts_mid_workload, figures->cuts / 2);
  EXPECT_GT(figures->vfs.dropped_writes, 0u);
  EXPECT_GT(figures->vfs.torn_writes, 0u);
  EXPECT_GT(figures->vfs.reordered_files, 0);
}

// The checks can fail: on a disk that acknowledges fsync without making
// anything durable, the same campaign finds acknowledged writes lost.
TEST(PowerLossTest, ALyingDiskLosesAcknowledgedWritesAndIsCaught) {
  testutil::TempDir dir;
  CampaignOptions options;
  options.work_dir = dir.path();
  options.cuts = 30;
  options.lying_disk = true;
  auto figures = RunPowerLossCampaign(options, TheCrashVfs());
  ASSERT_TRUE(figures.ok()) << figures.status();
  std::cout << "lying disk: " << figures->Summary() << "\n";
  EXPECT_GT(figures->lost_acked, 0u);
  EXPECT_GT(figures->failed_cuts, 0u);
}

}  // namespace
}  // namespace rosa::reliability
