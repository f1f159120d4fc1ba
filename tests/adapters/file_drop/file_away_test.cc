// Filing an inbox file away never follows a link, never throws and never
// replaces a file: what a partner drops (a symlink loop, a symlink to a
// path that cannot be looked up, the longest name a file can have, twice)
// lands in processed/ or rejected/ under a name that fits, beside a report
// that fits.
#include "adapters/file_drop/file_away.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/private_file.h"
#include "tests/testutil/log_capture.h"
#include "tests/testutil/scan.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testutil::EntryNames;
using testutil::FileBytes;

class FileAwayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    partner_.id = "ks-oslo";
    for (const fs::path& dir :
         {inbox_, folders_.processed, folders_.rejected}) {
      ASSERT_TRUE(EnsurePrivateDirectory(dir).ok());
    }
  }

  void Put(const std::string& name, const std::string& content) {
    std::ofstream(inbox_ / name, std::ios::binary) << content;
  }
  void Away(const std::string& name, const absl::Status& outcome) {
    (void)FileAway(partner_, inbox_ / name, folders_, outcome, now_);
  }

  const absl::Status refused_ = absl::InvalidArgumentError("line 2: ledige");
  const absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  testutil::TempDir dir_;
  Partner partner_;
  const fs::path inbox_ = dir_.File("inbox");
  const FileAwayFolders folders_{.processed = dir_.File("processed"),
                                 .rejected = dir_.File("rejected")};
};

// The second loop's name is taken by the first: looking at that one must
// not follow it (ELOOP).
TEST_F(FileAwayTest, ASymlinkLoopDroppedTwiceIsRejectedTwice) {
  for (int i = 0; i < 2; ++i) {
    fs::create_symlink("loop.csv", inbox_ / "loop.csv");
    Away("loop.csv", refused_);
  }
  EXPECT_THAT(EntryNames(inbox_), IsEmpty());
  EXPECT_THAT(EntryNames(folders_.rejected),
              ElementsAre("loop.csv", "loop.csv-2", "loop.csv-2.error.txt",
                          "loop.csv.error.txt"));
  EXPECT_TRUE(fs::is_symlink(folders_.rejected / "loop.csv-2"));
}

// A link to a name longer than a file name may be (ENAMETOOLONG when
// followed), as a link to a path the hub may not look into (EACCES).
TEST_F(FileAwayTest, ASymlinkToAPathThatCannotBeLookedUpIsRejectedTwice) {
  for (int i = 0; i < 2; ++i) {
    fs::create_symlink(std::string(300, 'x'), inbox_ / "link.csv");
    Away("link.csv", refused_);
  }
  EXPECT_THAT(EntryNames(inbox_), IsEmpty());
  EXPECT_THAT(EntryNames(folders_.rejected),
              ElementsAre("link.csv", "link.csv-2", "link.csv-2.error.txt",
                          "link.csv.error.txt"));
}

// "<name>-2" would be 257 bytes.
TEST_F(FileAwayTest, TheLongestNameAppliedTwiceFitsTwice) {
  const std::string longest = std::string(243, 'y') + "-plasser.csv";
  for (const char* content : {"first", "second"}) {
    Put(longest, content);
    Away(longest, absl::OkStatus());
  }
  EXPECT_THAT(EntryNames(inbox_), IsEmpty());
  const auto names = EntryNames(folders_.processed);
  ASSERT_EQ(names.size(), 2u);
  for (const std::string& name : names) EXPECT_LE(name.size(), 205u) << name;
}

// "<name>.error.txt" would be 260 bytes: before, the report could not be
// written and the file stayed in the inbox, decoded again every round.
TEST_F(FileAwayTest, ARejectedFileWithALongNameGetsItsReport) {
  const std::string name = std::string(238, 'z') + "-plasser.csv";
  Put(name, "senter;enhet\n");
  Away(name, refused_);
  EXPECT_THAT(EntryNames(inbox_), IsEmpty());
  const auto names = EntryNames(folders_.rejected);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[1], names[0] + ".error.txt");
  EXPECT_THAT(FileBytes(folders_.rejected / names[1]),
              HasSubstr("line 2: ledige"));
}

// A partner's rejected file named like the report of a later one keeps its
// bytes: the later one takes the next name.
TEST_F(FileAwayTest, AReportNeverReplacesAFile) {
  Put("x.csv.error.txt", "PARTNERS OWN");
  Away("x.csv.error.txt", refused_);
  Put("x.csv", "senter;enhet\n");
  Away("x.csv", refused_);
  EXPECT_EQ(FileBytes(folders_.rejected / "x.csv.error.txt"), "PARTNERS OWN");
  EXPECT_THAT(EntryNames(folders_.rejected),
              ElementsAre("x.csv-2", "x.csv-2.error.txt", "x.csv.error.txt",
                          "x.csv.error.txt.error.txt"));
}

// Every file the hub moves or writes is 0600, whatever mode the partner
// gave it; a hard link's mode is its other name's, and stays.
TEST_F(FileAwayTest, AFiledAwayFileIsMadePrivate) {
  for (const char* name : {"a-plasser.csv", "b-plasser.csv", "c.csv"}) {
    Put(name, "senter;enhet\n");
    fs::permissions(inbox_ / name, fs::perms(0644));
  }
  const fs::path elsewhere = dir_.File("elsewhere.csv");
  fs::create_hard_link(inbox_ / "c.csv", elsewhere);
  Away("a-plasser.csv", absl::OkStatus());
  Away("b-plasser.csv", refused_);
  Away("c.csv", refused_);
  for (const fs::path& path : {folders_.processed / "a-plasser.csv",
                               folders_.rejected / "b-plasser.csv",
                               folders_.rejected / "b-plasser.csv.error.txt"}) {
    EXPECT_EQ(fs::status(path).permissions(), fs::perms(0600)) << path;
  }
  EXPECT_EQ(fs::status(elsewhere).permissions(), fs::perms(0644));
}

// Before, a failed move to processed/ was silent.
TEST_F(FileAwayTest, AFailedMoveIsLoggedAndLeavesTheFileInTheInbox) {
  testutil::LogCapture log;
  fs::remove(folders_.processed);
  Put("d\nfake-plasser.csv", "senter;enhet\n");
  Away("d\nfake-plasser.csv", absl::OkStatus());
  EXPECT_TRUE(fs::exists(inbox_ / "d\nfake-plasser.csv"));
  EXPECT_THAT(log.Text(), HasSubstr("d\\x0afake-plasser.csv applied, but not "
                                    "moved to processed/"));
}

}  // namespace
}  // namespace rosa
