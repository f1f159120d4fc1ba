// Tests for hub/common/staged_files: files appear under their names only
// when published, with their bytes and mode 0600; what is not published is
// deleted; the temporary names are the ones the file drop's crash cleanup
// knows; a file not staged whole is never published.
//
// Thread-safety: each test uses its own temporary directory.
#include "hub/common/staged_files.h"

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/scan.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;
using testutil::EntryNames;
using testutil::FileBytes;

class StagedFilesTest : public ::testing::Test {
 protected:
  testutil::TempDir dir_;
};

TEST_F(StagedFilesTest, FilesAppearOnlyWhenPublished) {
  StagedFiles page(dir_.path());
  ASSERT_TRUE(page.Stage("001-a.csv", "first").ok());
  ASSERT_TRUE(page.Stage("002-b.csv", std::string(100000, 'x')).ok());
  EXPECT_EQ(page.size(), 2u);
  // Staged: two temporary files, named as the crash cleanup expects.
  auto staged = EntryNames(dir_.path());
  ASSERT_THAT(staged, SizeIs(2));
  EXPECT_THAT(staged[0],
              AllOf(StartsWith("001-a.csv.tmp."), HasSubstr(".tmp.")));
  EXPECT_THAT(staged[1], StartsWith("002-b.csv.tmp."));

  ASSERT_TRUE(page.Publish(1).ok());
  EXPECT_EQ(FileBytes(dir_.File("002-b.csv")), std::string(100000, 'x'));
  ASSERT_TRUE(page.Publish(0).ok());
  ASSERT_TRUE(page.SyncDirectory().ok());
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("001-a.csv", "002-b.csv"));
  EXPECT_EQ(FileBytes(dir_.File("001-a.csv")), "first");
  struct stat st;
  ASSERT_EQ(lstat(dir_.File("001-a.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST_F(StagedFilesTest, WhatIsNotPublishedIsDeleted) {
  {
    StagedFiles page(dir_.path());
    ASSERT_TRUE(page.Stage("001-a.csv", "kept").ok());
    ASSERT_TRUE(page.Stage("002-b.csv", "doomed").ok());
    ASSERT_TRUE(page.Publish(0).ok());
  }
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("001-a.csv"));
  {
    StagedFiles failed(dir_.path());
    ASSERT_TRUE(failed.Stage("003-c.csv", "never published").ok());
  }
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("001-a.csv"));
}

TEST_F(StagedFilesTest, PublishesEachStagedIndexOnce) {
  StagedFiles page(dir_.path());
  ASSERT_TRUE(page.Stage("001-a.csv", "x").ok());
  EXPECT_EQ(page.Publish(1).code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(page.Publish(0).ok());
  EXPECT_EQ(page.Publish(0).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("001-a.csv"));
}

TEST_F(StagedFilesTest, ReplacesAFileOfTheSameName) {
  // A crash between writing a page and storing its cursor writes the same
  // names again: the second write wins, whole.
  for (const char* text : {"first try", "second"}) {
    StagedFiles page(dir_.path());
    ASSERT_TRUE(page.Stage("001-a.csv", text).ok());
    ASSERT_TRUE(page.Publish(0).ok());
  }
  EXPECT_EQ(FileBytes(dir_.File("001-a.csv")), "second");
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("001-a.csv"));
}

TEST_F(StagedFilesTest, MissingFolderIsAnErrorNamingIt) {
  StagedFiles page(dir_.File("gone"));
  absl::Status s = page.Stage("001-a.csv", "x");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), HasSubstr("gone"));
  EXPECT_EQ(page.Publish(0).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(EntryNames(dir_.path()), IsEmpty());
}

}  // namespace
}  // namespace rosa
