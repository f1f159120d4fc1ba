#include "adapters/file_drop/inbox_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class InboxFileTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& content) {
    const fs::path p = dir_.File(name);
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  absl::StatusOr<std::string> ReadIt(const fs::path& p, size_t max = 100) {
    return ReadInboxFile(p, max, ::geteuid());
  }
  testutil::TempDir dir_;
};

TEST_F(InboxFileTest, ReadsAnOwnRegularFile) {
  auto bytes = ReadIt(Write("a.csv", "senter;enhet\n"));
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, "senter;enhet\n");
}

TEST_F(InboxFileTest, RefusesASymlinkEvenToARegularFile) {
  const fs::path target = Write("secret", "kek");
  fs::create_symlink(target, dir_.File("link.csv"));
  auto bytes = ReadIt(dir_.File("link.csv"));
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(bytes.status().message(), HasSubstr("symbolic link"));
  EXPECT_THAT(bytes.status().message(), ::testing::Not(HasSubstr("kek")));
}

TEST_F(InboxFileTest, RefusesAFifoWithoutBlocking) {
  ASSERT_EQ(::mkfifo(dir_.File("pipe.csv").c_str(), 0600), 0);
  auto bytes = ReadIt(dir_.File("pipe.csv"));
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(bytes.status().message(), HasSubstr("FIFO"));
}

TEST_F(InboxFileTest, RefusesADeviceReachedThroughASymlink) {
  fs::create_symlink("/dev/zero", dir_.File("zero.csv"));
  EXPECT_EQ(ReadIt(dir_.File("zero.csv")).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(InboxFileTest, RefusesAHardLink) {
  const fs::path a = Write("a.csv", "x");
  fs::create_hard_link(a, dir_.File("b.csv"));
  auto bytes = ReadIt(dir_.File("b.csv"));
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(bytes.status().message(), HasSubstr("hard link"));
}

TEST_F(InboxFileTest, RefusesAnotherOwnersFile) {
  auto bytes = ReadInboxFile(Write("a.csv", "x"), 100, ::geteuid() + 1);
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(bytes.status().message(), HasSubstr("owned by another user"));
}

TEST_F(InboxFileTest, RefusesAnOversizedFileAndReportsAGoneOne) {
  auto big = ReadIt(Write("big.csv", std::string(101, 'x')));
  EXPECT_EQ(big.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(big.status().message(), HasSubstr("more than the limit"));
  EXPECT_EQ(ReadIt(dir_.File("missing.csv")).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rosa
