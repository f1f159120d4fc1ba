#include "adapters/file_drop/folder_cleanup.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

void Touch(const fs::path& p) { std::ofstream(p) << "x"; }

TEST(OutboxFileNameTest, StartsWithTheCursorAndStaysInTheFolder) {
  EXPECT_EQ(OutboxFileName(42, "R-2026-000001", ".xml"),
            "000000000042-R-2026-000001.xml");
  EXPECT_EQ(OutboxFileName(7, "", ".csv"), "000000000007-event.csv");
  EXPECT_EQ(OutboxFileName(7, "../../keys/kek\n", ".bin"),
            "000000000007-.._.._keys_kek_.bin");
}

class FolderCleanupTest : public ::testing::Test {
 protected:
  testutil::TempDir dir_;
};

TEST_F(FolderCleanupTest, RemovesEveryFileOfOneEventAndNoOther) {
  Touch(dir_.File(OutboxFileName(42, "R-1", ".json")));
  Touch(dir_.File(OutboxFileName(42, "R-1", ".html")));
  Touch(dir_.File(OutboxFileName(42, "R-1", ".html") + ".tmp.99.1"));
  Touch(dir_.File(OutboxFileName(420, "R-2", ".json")));
  Touch(dir_.File(OutboxFileName(4, "R-3", ".json")));
  EXPECT_THAT(*CursorsInOutbox(dir_.path()), ElementsAre(4, 42, 420));
  auto removed = RemoveOutboxFiles(dir_.path(), 42);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 3);
  EXPECT_THAT(*CursorsInOutbox(dir_.path()), ElementsAre(4, 420));
}

// An outbox that cannot be listed is not an empty one: nothing in it may be
// taken for gone.
TEST_F(FolderCleanupTest, AFolderThatCannotBeListedIsAnError) {
  Touch(dir_.File("not-a-folder"));
  for (const fs::path& dir :
       {dir_.File("missing"), dir_.File("not-a-folder")}) {
    EXPECT_TRUE(absl::IsUnavailable(CursorsInOutbox(dir).status())) << dir;
    EXPECT_TRUE(absl::IsUnavailable(EntryNames(dir).status())) << dir;
    EXPECT_TRUE(absl::IsUnavailable(RemoveOutboxFiles(dir, 1).status())) << dir;
  }
}

TEST_F(FolderCleanupTest, RemovesTemporaryFilesOnly) {
  Touch(dir_.File("000000000001-a.xml.tmp.12.0"));
  Touch(dir_.File("000000000001-a.xml"));
  EXPECT_EQ(RemoveTemporaryFiles(dir_.path()), 1);
  EXPECT_TRUE(fs::exists(dir_.File("000000000001-a.xml")));
}

TEST_F(FolderCleanupTest, RemovesWhatIsOlderThanTheCutoffNeverATarget) {
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  const fs::path target = dir_.File("target");
  Touch(target);
  fs::create_directory(dir_.File("folder"));
  const fs::path folder = dir_.File("folder");
  Touch(folder / "old.csv");
  Touch(folder / "new.csv");
  fs::create_symlink(target, folder / "old-link.csv");
  ASSERT_TRUE(SetModified(folder / "old.csv", t0).ok());
  ASSERT_TRUE(SetModified(folder / "old-link.csv", t0).ok());
  ASSERT_TRUE(SetModified(folder / "new.csv", t0 + absl::Hours(2)).ok());
  EXPECT_EQ(RemoveOlderThan(folder, t0 + absl::Hours(1)), 2);
  EXPECT_FALSE(fs::exists(folder / "old.csv"));
  EXPECT_FALSE(fs::is_symlink(fs::symlink_status(folder / "old-link.csv")));
  EXPECT_TRUE(fs::exists(folder / "new.csv"));
  EXPECT_TRUE(fs::exists(target));
}

}  // namespace
}  // namespace rosa
