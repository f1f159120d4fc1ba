// The request key file: made once with mode 0600 in a 0700 directory, the
// same key on every later load, and refused (never replaced) when it is
// readable by others or not a key.
#include "hub/crypto/hmac_key_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "hub/common/private_file.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::crypto {
namespace {

namespace fs = std::filesystem;

mode_t ModeOf(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

class HmacKeyFileTest : public ::testing::Test {
 protected:
  fs::path path() const { return RequestHmacKeyPath(dir_.path()); }
  testutil::TempDir dir_;
};

TEST_F(HmacKeyFileTest, MadeOncePrivateAndLoadedAgain) {
  EXPECT_EQ(path(), dir_.path() / "keys" / "request-hmac");
  auto first = LoadOrCreateHmacKey(path());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(fs::file_size(path()), SecretKey::kSize);
  EXPECT_EQ(ModeOf(path()), 0600u);
  EXPECT_EQ(ModeOf(path().parent_path()), 0700u);
  auto again = LoadOrCreateHmacKey(path());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(first->Equals(*again));
}

TEST_F(HmacKeyFileTest, RefusesAKeyOthersMayRead) {
  ASSERT_TRUE(LoadOrCreateHmacKey(path()).ok());
  ASSERT_EQ(::chmod(path().c_str(), 0640), 0);
  auto loaded = LoadOrCreateHmacKey(path());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(fs::file_size(path()), SecretKey::kSize);  // Not replaced.
}

TEST_F(HmacKeyFileTest, RefusesAFileThatIsNotAKey) {
  ASSERT_TRUE(EnsurePrivateDirectory(path().parent_path()).ok());
  ASSERT_TRUE(WriteFileAtomically(path(), "too short").ok());
  auto loaded = LoadOrCreateHmacKey(path());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(loaded.status().message().find("too short"), std::string::npos);
  EXPECT_EQ(fs::file_size(path()), 9u);  // Not replaced.
}

}  // namespace
}  // namespace rosa::crypto
