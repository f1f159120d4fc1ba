// The file drop's inbox trusts nothing that sits there: a symlink, FIFO,
// hard link or another user's file is moved to rejected/ with the reason,
// never followed, opened or read; a partner-chosen name reaches the log
// only escaped. processed/ and rejected/ keep files for the inbound
// retention, then delete them.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/adapters/file_drop/file_drop_fixture.h"
#include "tests/testutil/log_capture.h"
#include "tests/testutil/partner_samples.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_file_drop {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written beside the inbox, then renamed in, as partners must.
void Put(const fs::path& inbox, const std::string& name,
         const std::string& content) {
  const fs::path tmp = inbox / ("." + name);
  std::ofstream(tmp, std::ios::binary) << content;
  fs::rename(tmp, inbox / name);
}

class FileDropInboxTest : public FileDropFixture {
 protected:
  void SetUp() override {
    FileDropFixture::SetUp();
    log_.emplace();
    inbox_ = Folder("ks-oslo", "inbox");
    rejected_ = Folder("ks-oslo", "rejected");
    processed_ = Folder("ks-oslo", "processed");
    ASSERT_TRUE(EnsurePrivateDirectory(inbox_).ok());
  }
  void TearDown() override {
    FileDropFixture::TearDown();
    log_.reset();
  }
  std::string LogText() { return log_->Text(); }

  // What the file drop's thread logs, read by the test thread.
  std::optional<testutil::LogCapture> log_;
  fs::path inbox_, rejected_, processed_;
};

TEST_F(FileDropInboxTest, SymlinksFifosAndHardLinksAreRejectedWithAReason) {
  const fs::path secret = dir_.File("keys-like-secret");
  std::ofstream(secret) << "HEMMELIG-NOKKEL";
  fs::create_symlink(secret, inbox_ / "a-plasser.csv");
  ASSERT_EQ(::mkfifo((inbox_ / "b-plasser.csv").c_str(), 0600), 0);
  const fs::path elsewhere = dir_.File("elsewhere.csv");
  std::ofstream(elsewhere) << "HEMMELIG-LENKET";
  fs::create_hard_link(elsewhere, inbox_ / "c-plasser.csv");
  fs::create_symlink(secret, inbox_ / "d\nfake log line-plasser.csv");

  StartDrop();
  for (const char* name : {"a-plasser.csv", "b-plasser.csv", "c-plasser.csv"}) {
    ASSERT_TRUE(WaitFor([&] {
      return fs::exists(rejected_ / (std::string(name) + ".error.txt"));
    })) << name;
  }
  EXPECT_THAT(Read(rejected_ / "a-plasser.csv.error.txt"),
              HasSubstr("symbolic link"));
  EXPECT_THAT(Read(rejected_ / "b-plasser.csv.error.txt"), HasSubstr("FIFO"));
  EXPECT_THAT(Read(rejected_ / "c-plasser.csv.error.txt"),
              HasSubstr("hard link"));
  // Moved as they are: the symlink still a symlink, the FIFO a FIFO.
  EXPECT_TRUE(fs::is_symlink(rejected_ / "a-plasser.csv"));
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(rejected_ / "b-plasser.csv")));
  // Nothing was read through them, and the targets are untouched.
  EXPECT_EQ(Read(secret), "HEMMELIG-NOKKEL");
  EXPECT_TRUE(fs::exists(elsewhere));
  for (const auto& entry : fs::recursive_directory_iterator(Exchange())) {
    if (!entry.is_symlink() && entry.is_regular_file() &&
        entry.path().filename() != "c-plasser.csv") {
      EXPECT_THAT(Read(entry.path()), Not(HasSubstr("HEMMELIG")))
          << entry.path();
    }
  }
  // The partner's name is escaped in the log: no forged line.
  ASSERT_TRUE(WaitFor([&] {
    return LogText().find("d\\x0afake log line") != std::string::npos;
  })) << LogText();
  EXPECT_THAT(LogText(), Not(HasSubstr("d\nfake")));
}

// With no poll in sight, a file renamed into the inbox wakes the file drop
// (inotify). The second file lands after the first pass is over.
TEST_F(FileDropInboxTest, AFileIsTakenWhenItLandsNotAtTheNextPoll) {
  poll_interval_ = absl::Hours(1);
  StartDrop();
  for (const char* name : {"a-plasser.csv", "b-plasser.csv"}) {
    Put(inbox_, name, "not a plasser file");
    ASSERT_TRUE(WaitFor([&] {
      return fs::exists(rejected_ / (std::string(name) + ".error.txt"));
    })) << name;
  }
}

TEST_F(FileDropInboxTest, AnotherUsersFileIsRejected) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to chown";
  Put(inbox_, "fremmed-plasser.csv", "senter;enhet\n");
  ASSERT_EQ(::chown((inbox_ / "fremmed-plasser.csv").c_str(), 65534, 65534), 0);
  StartDrop();
  ASSERT_TRUE(WaitFor(
      [&] { return fs::exists(rejected_ / "fremmed-plasser.csv.error.txt"); }));
  EXPECT_THAT(Read(rejected_ / "fremmed-plasser.csv.error.txt"),
              HasSubstr("owned by another user"));
}

// Before, looking for a free name in rejected/ followed the first loop
// there and threw: the process aborted, and again at every start.
TEST_F(FileDropInboxTest, ASymlinkLoopDroppedTwiceLeavesTheFileDropServing) {
  StartDrop();
  for (const char* taken : {"loop.csv.error.txt", "loop.csv-2.error.txt"}) {
    fs::create_symlink("loop.csv", inbox_ / "loop.csv");
    // The report is written before the link is moved: wait for both.
    ASSERT_TRUE(WaitFor([&] {
      return fs::exists(rejected_ / taken) &&
             !fs::exists(fs::symlink_status(inbox_ / "loop.csv"));
    })) << taken;
  }
  Put(inbox_, "2026-11-28-plasser.csv",
      testutil::PartnerSample("ks-csv", "good-plasser-bom-crlf.csv"));
  EXPECT_TRUE(WaitFor(
      [&] { return fs::exists(processed_ / "2026-11-28-plasser.csv"); }));
}

int Count(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// Before, with processed/ gone the file stayed in the inbox and was applied
// again every round, without a word in the log, until a restart.
TEST_F(FileDropInboxTest, ProcessedRemovedWhileRunningIsMadeAgain) {
  StartDrop();
  fs::remove(processed_);
  Put(inbox_, "b-plasser.csv",
      testutil::PartnerSample("ks-csv", "good-plasser-bom-crlf.csv"));
  ASSERT_TRUE(
      WaitFor([&] { return fs::exists(processed_ / "b-plasser.csv"); }));
  EXPECT_EQ(Count(LogText(), "b-plasser.csv applied"), 1);
}

// processed/ on another file system (a symlink an administrator made): the
// move fails (EXDEV). Before, the file was applied again every round.
TEST_F(FileDropInboxTest, AFileThatCannotBeMovedIsSetAside) {
  // A folder on /dev/shm, removed with what it holds however the test ends.
  struct ShmFolder {
    ShmFolder() {
      if (::mkdtemp(path.data()) == nullptr) path.clear();
    }
    ~ShmFolder() {
      std::error_code ec;
      if (!path.empty()) fs::remove_all(path, ec);
    }
    std::string path = "/dev/shm/rosa-processed.XXXXXX";
  } other;
  if (other.path.empty()) GTEST_SKIP() << "no /dev/shm";
  struct stat here {};
  struct stat there {};
  ::stat(dir_.path().c_str(), &here);
  ::stat(other.path.c_str(), &there);
  if (here.st_dev == there.st_dev) {
    GTEST_SKIP() << "/dev/shm is on the test's file system";
  }
  fs::remove(processed_);
  fs::create_directory_symlink(other.path, processed_);
  StartDrop();
  Put(inbox_, "c-plasser.csv",
      testutil::PartnerSample("ks-csv", "good-plasser-bom-crlf.csv"));
  const std::string failed = "c-plasser.csv applied, but not moved";
  ASSERT_TRUE(WaitFor([&] { return Count(LogText(), failed) == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // Rounds.
  EXPECT_EQ(Count(LogText(), failed), 1);
  EXPECT_TRUE(fs::exists(inbox_ / "c-plasser.csv"));
  // Taken again once the time is up.
  clock_.Advance(Inboxes::kSetAsideFor);
  EXPECT_TRUE(WaitFor([&] { return Count(LogText(), failed) == 2; }));
  drop_.reset();  // Before `other` goes.
}

// Before, the file drop worked through a whole inbox before the next
// partner's: thousands of files from one partner held every later
// partner's files back for tens of seconds. Now each partner has a share
// per round. IOM floods; ks-oslo comes after it in the registry.
TEST_F(FileDropInboxTest, AFloodInOneInboxDoesNotHoldBackAnother) {
  const int flood = 4 * Inboxes::kFilesPerRound;
  const fs::path iom_inbox = Folder("iom", "inbox");
  ASSERT_TRUE(EnsurePrivateDirectory(iom_inbox).ok());
  for (int i = 0; i < flood; ++i) {
    Put(iom_inbox, absl::StrFormat("h%03d.dat", i), "junk");
  }
  Put(inbox_, "enkelt.dat", "junk");
  StartDrop();
  const std::string last = absl::StrFormat("h%03d.dat rejected", flood - 1);
  ASSERT_TRUE(WaitFor([&] {
    return LogText().find(last) != std::string::npos &&
           LogText().find("enkelt.dat rejected") != std::string::npos;
  }));
  EXPECT_LT(LogText().find("enkelt.dat rejected"), LogText().find(last));
}

// A file over its partner's record budget (IngestDesk::Budget) stays in
// the inbox, nothing of it applied, and is taken once the budget is back:
// it is neither applied nor rejected while the partner is over. Meanwhile
// the partner's inbox waits (Inboxes::kOverBudgetPause): before, every
// round (here every 20 ms) decoded it again only to be refused.
TEST_F(FileDropInboxTest, AFileOverTheRecordBudgetWaitsInTheInbox) {
  const std::string first =
      testutil::PartnerSample("ks-csv", "good-telefonlogg.csv");
  const int rows = Count(first, "\n") - 1;
  ASSERT_GT(rows, 1);
  OpenIngest({.budget = {.records_per_second = 1, .records_burst = rows},
              .clock = &clock_});
  StartDrop();
  Put(inbox_, "a-telefonlogg.csv", first);
  ASSERT_TRUE(
      WaitFor([&] { return fs::exists(processed_ / "a-telefonlogg.csv"); }));

  Put(inbox_, "b-plasser.csv",
      testutil::PartnerSample("ks-csv", "good-plasser-reordered.csv"));
  const std::string left = "b-plasser.csv left in the inbox";
  ASSERT_TRUE(WaitFor([&] { return Count(LogText(), left) == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // Rounds.
  EXPECT_EQ(Count(LogText(), left), 1) << "decoded again while paused";
  EXPECT_TRUE(fs::exists(inbox_ / "b-plasser.csv"));
  EXPECT_FALSE(fs::exists(processed_ / "b-plasser.csv"));
  EXPECT_FALSE(fs::exists(rejected_ / "b-plasser.csv"));
  EXPECT_THAT(LogText(), HasSubstr("RESOURCE_EXHAUSTED"));

  // 1 record a second; the pause is longer.
  ASSERT_GE(Inboxes::kOverBudgetPause, absl::Seconds(rows));
  clock_.Advance(Inboxes::kOverBudgetPause);
  EXPECT_TRUE(
      WaitFor([&] { return fs::exists(processed_ / "b-plasser.csv"); }));
  EXPECT_FALSE(fs::exists(inbox_ / "b-plasser.csv"));
  EXPECT_FALSE(fs::exists(rejected_ / "b-plasser.csv"));
}

TEST_F(FileDropInboxTest, ProcessedAndRejectedFilesGoAfterTheRetention) {
  StartDrop();
  Put(inbox_, "2026-11-28-plasser.csv",
      testutil::PartnerSample("ks-csv", "good-plasser-bom-crlf.csv"));
  Put(inbox_, "feil-plasser.csv", "senter;enhet\nks-oslo\n");
  ASSERT_TRUE(WaitFor(
      [&] { return fs::exists(processed_ / "2026-11-28-plasser.csv"); }));
  ASSERT_TRUE(WaitFor([&] {
    return fs::exists(rejected_ / "feil-plasser.csv.error.txt") &&
           fs::exists(rejected_ / "feil-plasser.csv");
  }));

  clock_.Advance(absl::Hours(24 * 6));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // Sweeps.
  EXPECT_TRUE(fs::exists(processed_ / "2026-11-28-plasser.csv"));
  EXPECT_TRUE(fs::exists(rejected_ / "feil-plasser.csv"));
  EXPECT_TRUE(fs::exists(rejected_ / "feil-plasser.csv.error.txt"));

  clock_.Advance(absl::Hours(24) + absl::Seconds(1));
  EXPECT_TRUE(WaitFor(
      [&] { return fs::is_empty(processed_) && fs::is_empty(rejected_); }));
}

}  // namespace
}  // namespace rosa::testing_file_drop
