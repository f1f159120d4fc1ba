#include "hub/store/upgrade_steps.h"

#include <memory>
#include <utility>

#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/schema_store.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

class UpgradeStepsTest : public testutil::SchemaStoreTest {
 protected:
  // Runs `step` with `mark`; true if its work ran (runs_ counts them).
  bool Run(const char* step, const char* mark) {
    auto ran = RunUpgradeStepOnce(*conn_, step, mark, [&] {
      ++runs_;
      return absl::OkStatus();
    });
    EXPECT_TRUE(ran.ok()) << ran.status();
    return ran.ok() && *ran;
  }

  int runs_ = 0;
};

TEST_F(UpgradeStepsTest, AStepRunsOnceForItsMark) {
  EXPECT_EQ(*UpgradeStepMark(*conn_, "seal"), "");
  EXPECT_TRUE(Run("seal", "1"));
  EXPECT_EQ(*UpgradeStepMark(*conn_, "seal"), "1");
  EXPECT_FALSE(Run("seal", "1"));
  EXPECT_FALSE(Run("seal", "1"));
  EXPECT_EQ(runs_, 1);
}

TEST_F(UpgradeStepsTest, AnotherMarkRunsItAgainAndIsRecorded) {
  EXPECT_TRUE(Run("hashes", "key-a"));
  EXPECT_TRUE(Run("hashes", "key-b"));  // A new key: check again.
  EXPECT_FALSE(Run("hashes", "key-b"));
  EXPECT_TRUE(Run("hashes", "key-a"));
  EXPECT_EQ(*UpgradeStepMark(*conn_, "hashes"), "key-a");
  EXPECT_EQ(runs_, 3);
}

TEST_F(UpgradeStepsTest, StepsAreRecordedApart) {
  EXPECT_TRUE(Run("seal", "1"));
  EXPECT_TRUE(Run("hashes", "1"));
  EXPECT_FALSE(Run("seal", "1"));
  EXPECT_EQ(runs_, 2);
}

TEST_F(UpgradeStepsTest, AFailedStepIsNotRecorded) {
  auto failed = RunUpgradeStepOnce(*conn_, "seal", "1", [] {
    return absl::DataLossError("a stored referral does not parse");
  });
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(*UpgradeStepMark(*conn_, "seal"), "");
  EXPECT_TRUE(Run("seal", "1"));
}

// The record survives the connection: it is in the database file.
TEST_F(UpgradeStepsTest, TheRecordIsInTheDatabase) {
  EXPECT_TRUE(Run("seal", "1"));
  conn_.reset();
  auto reopened =
      Connection::Open(dir_.File("hub.db"), Connection::Mode::kReadWrite);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  ASSERT_TRUE(ApplySchema(**reopened).ok());
  EXPECT_EQ(*UpgradeStepMark(**reopened, "seal"), "1");
}

}  // namespace
}  // namespace rosa::store
