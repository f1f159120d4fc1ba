// Tests for the KEK file: creation with private modes, reload, rotation,
// retirement (key material gone from the file), and refusal of malformed
// or too widely readable files.
//
// Thread-safety: each test uses its own temporary directory.
#include "hub/crypto/key_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::crypto {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteAll(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

mode_t Mode(const fs::path& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::string KeyHex(const Kek& kek) {
  return absl::BytesToHexString(std::string(kek.key.bytes()));
}

class KekStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<KekStore> OpenStore() {
    absl::StatusOr<std::unique_ptr<KekStore>> store =
        KekStore::OpenOrCreate(path_, &clock_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  testutil::TempDir dir_;
  const fs::path path_ = KekStore::DefaultPath(dir_.path());
  testutil::FixedClock clock_{absl::FromUnixSeconds(1'750'000'000)};
};

TEST_F(KekStoreTest, CreatedPrivateOnFirstUse) {
  EXPECT_EQ(KekStore::Open(path_).status().code(), absl::StatusCode::kNotFound);
  std::unique_ptr<KekStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(path_, dir_.path() / "keys" / "kek");
  EXPECT_EQ(Mode(path_), 0600u);
  EXPECT_EQ(Mode(path_.parent_path()), 0700u);
  EXPECT_EQ(store->active_version(), 1u);
  EXPECT_THAT(store->versions(), ElementsAre(1u));
  EXPECT_TRUE(store->retired().empty());
  EXPECT_EQ(store->Active()->created_at, clock_.Now());
  EXPECT_EQ(store->Active()->key.bytes().size(), 32u);
  EXPECT_NE(store->Active()->key.bytes(), std::string(32, '\0'));
  // Only the key file: no temporary files left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(path_.parent_path()),
                          fs::directory_iterator()),
            1);
}

TEST_F(KekStoreTest, ReloadEquals) {
  std::unique_ptr<KekStore> first = OpenStore();
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(first->Rotate().ok());
  for (bool create : {false, true}) {
    absl::StatusOr<std::unique_ptr<KekStore>> again =
        create ? KekStore::OpenOrCreate(path_) : KekStore::Open(path_);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ((*again)->active_version(), 2u);
    EXPECT_THAT((*again)->versions(), ElementsAre(1u, 2u));
    for (uint32_t version : {1u, 2u}) {
      auto a = first->Get(version);
      auto b = (*again)->Get(version);
      ASSERT_TRUE(a.ok() && b.ok());
      EXPECT_TRUE((*a)->key.Equals((*b)->key)) << version;
      EXPECT_EQ((*a)->created_at, (*b)->created_at);
    }
  }
}

TEST_F(KekStoreTest, RotateAddsNewActiveVersion) {
  std::unique_ptr<KekStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::shared_ptr<const Kek> v1 = store->Active();
  clock_.Advance(absl::Hours(24));
  absl::StatusOr<uint32_t> v2 = store->Rotate();
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(*v2, 2u);
  EXPECT_EQ(store->active_version(), 2u);
  EXPECT_EQ(store->Active()->created_at, clock_.Now());
  EXPECT_FALSE(store->Active()->key.Equals(v1->key));
  EXPECT_TRUE(store->Get(1).ok());  // The old key stays until retired.
  EXPECT_EQ(Mode(path_), 0600u);
}

TEST_F(KekStoreTest, RetireRemovesKeyMaterialFromFile) {
  std::unique_ptr<KekStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::string old_hex = KeyHex(*store->Active());
  EXPECT_THAT(ReadAll(path_), HasSubstr(old_hex));

  EXPECT_EQ(store->Retire(1).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store->Retire(7).code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(store->Rotate().ok());
  const std::string new_hex = KeyHex(*store->Active());
  clock_.Advance(absl::Hours(1));
  ASSERT_TRUE(store->Retire(1).ok());
  EXPECT_TRUE(store->Retire(1).ok());  // Idempotent.

  const std::string text = ReadAll(path_);
  EXPECT_THAT(text, Not(HasSubstr(old_hex)));
  EXPECT_THAT(text, HasSubstr(new_hex));
  EXPECT_EQ(store->Get(1).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store->Get(9).status().code(), absl::StatusCode::kNotFound);

  absl::StatusOr<std::unique_ptr<KekStore>> reloaded = KekStore::Open(path_);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_THAT((*reloaded)->versions(), ElementsAre(2u));
  ASSERT_EQ((*reloaded)->retired().size(), 1u);
  EXPECT_EQ((*reloaded)->retired()[0].version, 1u);
  EXPECT_EQ((*reloaded)->retired()[0].retired_at, clock_.Now());
  EXPECT_FALSE((*reloaded)->Get(1).ok());
  // A retired version number is never reused.
  EXPECT_EQ((*reloaded)->Rotate().value_or(0), 3u);
}

TEST_F(KekStoreTest, KeyInUseSurvivesRetirement) {
  std::unique_ptr<KekStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::shared_ptr<const Kek> held = store->Active();
  const std::string hex = KeyHex(*held);
  ASSERT_TRUE(store->Rotate().ok());
  ASSERT_TRUE(store->Retire(1).ok());
  EXPECT_EQ(KeyHex(*held), hex);
}

TEST_F(KekStoreTest, RefusesLooseModes) {
  ASSERT_NE(OpenStore(), nullptr);
  ASSERT_EQ(chmod(path_.c_str(), 0644), 0);
  EXPECT_EQ(KekStore::Open(path_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(KekStore::OpenOrCreate(path_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(chmod(path_.c_str(), 0600), 0);
  ASSERT_EQ(chmod(path_.parent_path().c_str(), 0755), 0);
  EXPECT_EQ(KekStore::Open(path_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(chmod(path_.parent_path().c_str(), 0700), 0);
  EXPECT_TRUE(KekStore::Open(path_).ok());
}

TEST_F(KekStoreTest, RefusesMalformedFilesAndKeepsThem) {
  ASSERT_NE(OpenStore(), nullptr);
  const std::string good = ReadAll(path_);
  const std::string key_line = good.substr(good.find("key 1 "));
  const std::vector<std::string> bad = {
      "",
      "rosa-hub-kek 2\nactive 1\n" + key_line,
      "rosa-hub-kek 1\n" + key_line,                          // no active
      "rosa-hub-kek 1\nactive 2\n" + key_line,                // not a key
      "rosa-hub-kek 1\nactive 1\nactive 1\n" + key_line,      // two active
      "rosa-hub-kek 1\nactive 1\n" + key_line + key_line,     // duplicate
      "rosa-hub-kek 1\nactive 1\n" + key_line.substr(0, 40),  // short key
      "rosa-hub-kek 1\nactive 1\nkey 1 0 " + std::string(64, 'g') + "\n",
      "rosa-hub-kek 1\nactive 1\nkey 1 0 " + std::string(64, 'A') + "\n",
      "rosa-hub-kek 1\nactive 1\n" + key_line + "retired 1 0 0\n",
      "rosa-hub-kek 1\nactive 1\n" + key_line + "extra line\n",
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    const std::string& text = bad[i];
    WriteAll(path_, text);
    absl::StatusOr<std::unique_ptr<KekStore>> store =
        KekStore::OpenOrCreate(path_);
    EXPECT_FALSE(store.ok()) << "accepted bad file " << i;
    // The message never quotes the file.
    EXPECT_THAT(store.status().message(), Not(HasSubstr(key_line.substr(8))));
    EXPECT_EQ(ReadAll(path_), text);  // Not replaced.
  }
  WriteAll(path_, good);
  EXPECT_TRUE(KekStore::Open(path_).ok());
}

TEST_F(KekStoreTest, ConcurrentReadersAndRotation) {
  std::unique_ptr<KekStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&store] {
      for (int i = 0; i < 200; ++i) {
        std::shared_ptr<const Kek> kek = store->Active();
        EXPECT_EQ(kek->key.bytes().size(), 32u);
      }
    });
  }
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(store->Rotate().ok());
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(store->active_version(), 11u);
}

}  // namespace
}  // namespace rosa::crypto
