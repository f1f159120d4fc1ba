// The hub's in-memory revocation list follows revoked.txt without a
// restart: within `recheck` of a change, at once on Reload, and a broken
// file never un-revokes anything.
#include "hub/pki/revocation_list.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::pki {
namespace {

namespace fs = std::filesystem;

class RevocationListTest : public ::testing::Test {
 protected:
  // Replaces the file as `pki revoke` does: a new file renamed over it.
  void Write(const std::string& text) {
    const fs::path tmp = path_.string() + ".tmp";
    std::ofstream(tmp) << text;
    fs::rename(tmp, path_);
  }

  const testutil::TempDir temp_dir_;
  const fs::path path_ = temp_dir_.path() / "revoked.txt";
  testutil::FixedClock clock_{absl::FromUnixSeconds(1'800'000'000)};
};

TEST_F(RevocationListTest, FollowsTheFileWithoutARestart) {
  auto list = RevocationList::Open(path_, &clock_, absl::Seconds(1));
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_FALSE((*list)->IsRevoked("4A3F"));

  Write("4a3f rosa 2026-12-06T07:00:00Z\n");
  // Looked at no more than once per second...
  EXPECT_FALSE((*list)->IsRevoked("4A3F"));
  clock_.Advance(absl::Seconds(1));
  // ...and then it holds.
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));
  EXPECT_FALSE((*list)->IsRevoked("4A40"));

  Write("4a3f rosa 2026-12-06T07:00:00Z\n4a40 rosa 2026-12-06T07:01:00Z\n");
  // Reload (SIGHUP) does not wait.
  ASSERT_TRUE((*list)->Reload().ok());
  EXPECT_TRUE((*list)->IsRevoked("4A40"));
  EXPECT_EQ((*list)->size(), 2u);
}

TEST_F(RevocationListTest, ABrokenFileKeepsThePreviousList) {
  Write("4a3f rosa\n");
  auto list = RevocationList::Open(path_, &clock_, absl::Seconds(1));
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_TRUE((*list)->IsRevoked("4A3F"));

  Write("4a3f rosa\nhalf-edited line\n");
  clock_.Advance(absl::Seconds(2));
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));
  EXPECT_FALSE((*list)->Reload().ok());
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));

  // Fixed: read again.
  Write("4a3f rosa\n4a41 iom\n");
  clock_.Advance(absl::Seconds(2));
  EXPECT_TRUE((*list)->IsRevoked("4A41"));
}

TEST_F(RevocationListTest, ABrokenFileAtStartIsAnError) {
  Write("garbage\n");
  auto list = RevocationList::Open(path_, &clock_);
  EXPECT_EQ(list.status().code(), absl::StatusCode::kInvalidArgument);
}

// Before, a removed file emptied the list within a second.
TEST_F(RevocationListTest, NothingIsUnrevokedWhileRunning) {
  Write("4a3f rosa\n4a40 iom\n");
  auto list = RevocationList::Open(path_, &clock_);
  ASSERT_TRUE(list.ok()) << list.status();
  fs::remove(path_);
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));
  EXPECT_TRUE((*list)->IsRevoked("4A40"));

  Write("");  // Truncated.
  ASSERT_TRUE((*list)->Reload().ok());
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));
  Write("4a40 iom\n4a41 rosa\n");  // One left, one added.
  ASSERT_TRUE((*list)->Reload().ok());
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));
  EXPECT_TRUE((*list)->IsRevoked("4A41"));
  EXPECT_EQ((*list)->size(), 3u);

  // A restart reads the file afresh.
  auto restarted = RevocationList::Open(path_, &clock_);
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  EXPECT_FALSE((*restarted)->IsRevoked("4A3F"));
  EXPECT_TRUE((*restarted)->IsRevoked("4A41"));
}

TEST_F(RevocationListTest, TellsOfAChangeOnlyWhenTheListChanged) {
  Write("4a3f rosa\n");
  int changes = 0;
  auto list = RevocationList::Open(path_, &clock_, absl::Seconds(1),
                                   [&changes] { ++changes; });
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(changes, 0);

  // Rewritten with the same serials (say, a comment added): no change.
  Write("# comment\n4a3f rosa\n");
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE((*list)->IsRevoked("4A3F"));
  EXPECT_EQ(changes, 0);

  Write("4a3f rosa\n4a40 rosa\n");
  clock_.Advance(absl::Seconds(1));
  EXPECT_FALSE((*list)->IsRevoked("1"));
  EXPECT_EQ(changes, 1);
  ASSERT_TRUE((*list)->Reload().ok());
  EXPECT_EQ(changes, 1);
}

}  // namespace
}  // namespace rosa::pki
