// Tests for hub/common/private_file: directory creation and checks, atomic
// writes with their modes (whatever the umask), no_replace, no temporary
// files left behind, the checks ReadPrivateFile makes, ReadSmallFile's
// limit, and that no status ever quotes a file's contents.
//
// Thread-safety: each test uses its own temporary directory.
#include "hub/common/private_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/scan.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testutil::EntryNames;

constexpr char kSecret[] = "not-for-any-status-message";

mode_t Mode(const fs::path& path) {
  struct stat st;
  EXPECT_EQ(lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteAll(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// Sets the umask for the life of the object.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(umask(mask)) {}
  ~ScopedUmask() { umask(old_); }

 private:
  mode_t old_;
};

class PrivateFileTest : public ::testing::Test {
 protected:
  testutil::TempDir dir_;
};

TEST_F(PrivateFileTest, EnsurePrivateDirectoryMakesMode0700WithParents) {
  const fs::path dir = dir_.File("a/b/keys");
  {
    ScopedUmask permissive(0);
    ASSERT_TRUE(EnsurePrivateDirectory(dir).ok());
  }
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(Mode(dir), 0700u);
  EXPECT_TRUE(EnsurePrivateDirectory(dir).ok());  // Idempotent.
  EXPECT_TRUE(CheckPrivateDirectory(dir).ok());
}

TEST_F(PrivateFileTest, PrivateDirectoryRefusesLooseModes) {
  const fs::path dir = dir_.File("keys");
  ASSERT_TRUE(EnsurePrivateDirectory(dir).ok());
  ASSERT_EQ(chmod(dir.c_str(), 0750), 0);
  EXPECT_EQ(CheckPrivateDirectory(dir).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(EnsurePrivateDirectory(dir).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Mode(dir), 0750u);  // Reported, not changed.
}

TEST_F(PrivateFileTest, EnsureDirectoryKeepsAnExistingDirectory) {
  const fs::path dir = dir_.File("pki");
  ASSERT_TRUE(EnsureDirectory(dir).ok());
  EXPECT_EQ(Mode(dir), 0700u);
  ASSERT_EQ(chmod(dir.c_str(), 0755), 0);
  EXPECT_TRUE(EnsureDirectory(dir).ok());
  EXPECT_EQ(Mode(dir), 0755u);
}

TEST_F(PrivateFileTest, DirectoryFunctionsRefuseAFile) {
  const fs::path file = dir_.File("file");
  WriteAll(file, "x");
  EXPECT_FALSE(EnsureDirectory(file).ok());
  EXPECT_FALSE(EnsurePrivateDirectory(file).ok());
  EXPECT_FALSE(CheckPrivateDirectory(file).ok());
  EXPECT_EQ(CheckPrivateDirectory(dir_.File("missing")).code(),
            absl::StatusCode::kNotFound);
}

TEST_F(PrivateFileTest, WriteFileAtomicallySetsTheModeWhateverTheUmask) {
  ScopedUmask permissive(0);
  ASSERT_TRUE(WriteFileAtomically(dir_.File("key"), kSecret).ok());
  ASSERT_TRUE(
      WriteFileAtomically(dir_.File("cert"), "certificate", {.mode = 0644})
          .ok());
  EXPECT_EQ(Mode(dir_.File("key")), 0600u);
  EXPECT_EQ(Mode(dir_.File("cert")), 0644u);
  EXPECT_EQ(ReadAll(dir_.File("key")), kSecret);
  EXPECT_EQ(ReadAll(dir_.File("cert")), "certificate");
  // No temporary files left behind.
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("cert", "key"));
}

TEST_F(PrivateFileTest, WriteFileAtomicallyReplaces) {
  const fs::path path = dir_.File("file");
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "").ok());
  EXPECT_EQ(ReadAll(path), "");
  ASSERT_TRUE(WriteFileAtomically(path, "new").ok());
  EXPECT_EQ(ReadAll(path), "new");
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("file"));
}

TEST_F(PrivateFileTest, ModifiedStampsTheFileBeforeItAppears) {
  const fs::path path = dir_.File("file");
  const absl::Time at = absl::FromUnixSeconds(1764288000);  // 2025-11-28.
  ASSERT_TRUE(WriteFileAtomically(path, "x", {.modified = at}).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(absl::TimeFromTimespec(st.st_mtim), at);
}

TEST_F(PrivateFileTest, NoReplaceKeepsTheExistingFile) {
  const fs::path path = dir_.File("file");
  ASSERT_TRUE(WriteFileAtomically(path, "first", {.no_replace = true}).ok());
  EXPECT_EQ(Mode(path), 0600u);
  const absl::Status again =
      WriteFileAtomically(path, kSecret, {.no_replace = true});
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists) << again;
  EXPECT_THAT(std::string(again.message()), Not(HasSubstr(kSecret)));
  EXPECT_EQ(ReadAll(path), "first");
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("file"));
}

TEST_F(PrivateFileTest, FailedWriteLeavesNoTemporaryFile) {
  // A directory where the file should go makes the rename fail.
  fs::create_directory(dir_.File("taken"));
  const absl::Status status = WriteFileAtomically(dir_.File("taken"), kSecret);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("taken"));
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr(kSecret)));
  EXPECT_THAT(EntryNames(dir_.path()), ElementsAre("taken"));

  EXPECT_FALSE(WriteFileAtomically(dir_.File("missing/file"), kSecret).ok());
}

TEST_F(PrivateFileTest, ReadPrivateFileReadsWhatWasWritten) {
  const fs::path path = dir_.File("key");
  const std::string data = std::string(kSecret) + std::string(3, '\0') + "end";
  ASSERT_TRUE(WriteFileAtomically(path, data).ok());
  absl::StatusOr<std::string> read = ReadPrivateFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, data);

  ASSERT_TRUE(WriteFileAtomically(path, "").ok());
  read = ReadPrivateFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, "");
}

TEST_F(PrivateFileTest, ReadPrivateFileRefusesWhatIsNotPrivate) {
  EXPECT_EQ(ReadPrivateFile(dir_.File("missing")).status().code(),
            absl::StatusCode::kNotFound);

  const fs::path loose = dir_.File("loose");
  ASSERT_TRUE(WriteFileAtomically(loose, kSecret, {.mode = 0640}).ok());
  absl::StatusOr<std::string> read = ReadPrivateFile(loose);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(read.status().message()), Not(HasSubstr(kSecret)));

  // Not through a symlink, though it points at a private file.
  const fs::path target = dir_.File("target");
  ASSERT_TRUE(WriteFileAtomically(target, kSecret).ok());
  fs::create_symlink(target, dir_.File("link"));
  EXPECT_FALSE(ReadPrivateFile(dir_.File("link")).ok());

  const fs::path big = dir_.File("big");
  ASSERT_TRUE(WriteFileAtomically(big, std::string((1 << 20) + 1, 'x')).ok());
  EXPECT_EQ(ReadPrivateFile(big).status().code(),
            absl::StatusCode::kFailedPrecondition);

  fs::create_directory(dir_.File("dir"));
  ASSERT_EQ(chmod(dir_.File("dir").c_str(), 0700), 0);
  EXPECT_EQ(ReadPrivateFile(dir_.File("dir")).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// CheckPrivateFile makes ReadPrivateFile's checks without reading.
TEST_F(PrivateFileTest, CheckPrivateFileMakesTheSameChecks) {
  const fs::path key = dir_.File("key");
  ASSERT_TRUE(WriteFileAtomically(key, kSecret).ok());
  EXPECT_TRUE(CheckPrivateFile(key).ok());
  EXPECT_EQ(CheckPrivateFile(dir_.File("missing")).code(),
            absl::StatusCode::kNotFound);
  for (const mode_t loose : {0640, 0604, 0660}) {
    ASSERT_EQ(chmod(key.c_str(), loose), 0);
    EXPECT_EQ(CheckPrivateFile(key).code(),
              absl::StatusCode::kFailedPrecondition)
        << std::oct << loose;
  }
  ASSERT_EQ(chmod(key.c_str(), 0600), 0);
  fs::create_symlink(key, dir_.File("link"));
  EXPECT_FALSE(CheckPrivateFile(dir_.File("link")).ok());
}

TEST_F(PrivateFileTest, ReadSmallFileReadsAnyModeUpToItsLimit) {
  const fs::path path = dir_.File("cert");
  ASSERT_TRUE(WriteFileAtomically(path, "0123456789", {.mode = 0644}).ok());
  absl::StatusOr<std::string> read = ReadSmallFile(path, 10);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, "0123456789");

  read = ReadSmallFile(path, 9);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(read.status().message()), Not(HasSubstr("0123")));

  EXPECT_EQ(ReadSmallFile(dir_.File("missing"), 10).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rosa
