// Tests for hub/audit/checkpoint: the canonical body, Ed25519 sign/verify,
// and the signing key file.
#include "hub/audit/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/escaping.h"
#include "hub/audit/merkle.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::audit {
namespace {

namespace fs = std::filesystem;

// The root of the 8 RFC 6962 test leaves, and its base64 as published in
// transparency-dev/merkle testdata.
constexpr char kRoot8Hex[] =
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
constexpr char kRoot8Base64[] = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";

Checkpoint TestCheckpoint() {
  return {"rosa-hub.test/audit", 8, absl::HexStringToBytes(kRoot8Hex)};
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CheckpointTest : public testing::Test {
 protected:
  KeyPtr NewKey(const std::string& name = "audit.key") {
    auto key = LoadOrCreateSigningKey(dir_ / name);
    EXPECT_TRUE(key.ok()) << key.status();
    return key.ok() ? *std::move(key) : nullptr;
  }

  const testutil::TempDir temp_dir_;
  const fs::path dir_ = temp_dir_.path();
};

TEST(CheckpointBodyTest, IsTheSignedNoteCheckpointBody) {
  auto body = CheckpointBody(TestCheckpoint());
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(*body,
            std::string("rosa-hub.test/audit\n8\n") + kRoot8Base64 + "\n");
  auto parsed = ParseCheckpointBody(*body);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, TestCheckpoint());

  Checkpoint big = TestCheckpoint();
  big.size = 18446744073709551615u;
  body = CheckpointBody(big);
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(*body, std::string("rosa-hub.test/audit\n18446744073709551615\n") +
                       kRoot8Base64 + "\n");
  EXPECT_EQ(*ParseCheckpointBody(*body), big);
}

TEST(CheckpointBodyTest, RejectsMalformedCheckpoints) {
  Checkpoint c = TestCheckpoint();
  c.origin = "";
  EXPECT_FALSE(CheckpointBody(c).ok());
  c.origin = "two\nlines";
  EXPECT_FALSE(CheckpointBody(c).ok());
  c = TestCheckpoint();
  c.root_hash.pop_back();
  EXPECT_FALSE(CheckpointBody(c).ok());
}

TEST(CheckpointBodyTest, ParsesOnlyTheCanonicalSpelling) {
  const std::string origin = "rosa-hub.test/audit\n";
  const std::string root = std::string(kRoot8Base64) + "\n";
  for (const std::string& body : {
           origin + "08\n" + root,
           origin + "+8\n" + root,
           origin + " 8\n" + root,
           origin + "8\n" + kRoot8Base64,
           origin + "8\n" + root + "extra\n",
           origin + "8\n" + "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n",
           origin + "8\n" + "AAAA\n",
           origin + "18446744073709551616\n" + root,
           "\n8\n" + root,
       }) {
    EXPECT_FALSE(ParseCheckpointBody(body).ok()) << body;
  }
}

TEST_F(CheckpointTest, SignAndVerifyRoundTrip) {
  KeyPtr key = NewKey();
  ASSERT_NE(key, nullptr);
  auto signature = SignCheckpoint(key.get(), TestCheckpoint());
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(signature->size(), 64u);
  EXPECT_TRUE(VerifyCheckpoint(key.get(), TestCheckpoint(), *signature).ok());
  // Pure Ed25519 is deterministic.
  EXPECT_EQ(*SignCheckpoint(key.get(), TestCheckpoint()), *signature);

  // An outside verifier has only the .pub file.
  auto pub = ParsePublicKeyPem(ReadAll(dir_ / "audit.key.pub"));
  ASSERT_TRUE(pub.ok()) << pub.status();
  EXPECT_TRUE(VerifyCheckpoint(pub->get(), TestCheckpoint(), *signature).ok());
  EXPECT_FALSE(SignCheckpoint(pub->get(), TestCheckpoint()).ok());
}

TEST_F(CheckpointTest, AnyChangeBreaksTheSignature) {
  KeyPtr key = NewKey();
  ASSERT_NE(key, nullptr);
  const Checkpoint good = TestCheckpoint();
  const std::string signature = *SignCheckpoint(key.get(), good);

  for (uint64_t size : {uint64_t{0}, uint64_t{7}, uint64_t{9}, uint64_t{80}}) {
    Checkpoint c = good;
    c.size = size;
    EXPECT_EQ(VerifyCheckpoint(key.get(), c, signature).code(),
              absl::StatusCode::kFailedPrecondition)
        << size;
  }
  for (size_t bit = 0; bit < 8 * kHashSize; ++bit) {
    Checkpoint c = good;
    c.root_hash[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    EXPECT_FALSE(VerifyCheckpoint(key.get(), c, signature).ok()) << bit;
  }
  for (const std::string& origin :
       {std::string("rosa-hub.test/audit2"), std::string("rosa-hub.test/audiT"),
        std::string("other")}) {
    Checkpoint c = good;
    c.origin = origin;
    EXPECT_FALSE(VerifyCheckpoint(key.get(), c, signature).ok()) << origin;
  }
  for (size_t bit = 0; bit < 8 * signature.size(); ++bit) {
    std::string bad = signature;
    bad[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    EXPECT_EQ(VerifyCheckpoint(key.get(), good, bad).code(),
              absl::StatusCode::kFailedPrecondition)
        << bit;
  }
  EXPECT_FALSE(VerifyCheckpoint(key.get(), good, "").ok());
  EXPECT_FALSE(VerifyCheckpoint(key.get(), good, signature.substr(0, 63)).ok());
  EXPECT_FALSE(VerifyCheckpoint(key.get(), good, signature + "x").ok());

  KeyPtr other = NewKey("other.key");
  ASSERT_NE(other, nullptr);
  EXPECT_FALSE(VerifyCheckpoint(other.get(), good, signature).ok());
}

// A checkpoint's signature is the signature of its body as a message, so
// one rule signs both; any other message is signed as it is.
TEST_F(CheckpointTest, SignsAnyMessageTheSameWay) {
  KeyPtr key = NewKey();
  ASSERT_NE(key, nullptr);
  const std::string body = *CheckpointBody(TestCheckpoint());
  EXPECT_EQ(*SignMessage(key.get(), body),
            *SignCheckpoint(key.get(), TestCheckpoint()));
  auto signature = SignMessage(key.get(), "a message");
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_TRUE(VerifyMessage(key.get(), "a message", *signature).ok());
  EXPECT_EQ(VerifyMessage(key.get(), "a message.", *signature).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(VerifyMessage(key.get(), "a message", "short").code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(CheckpointTest, RejectsKeysThatAreNotEd25519) {
  KeyPtr ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  ASSERT_NE(ec, nullptr);
  EXPECT_EQ(SignCheckpoint(ec.get(), TestCheckpoint()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(
      VerifyCheckpoint(ec.get(), TestCheckpoint(), std::string(64, '\0')).ok());
  auto pem = PublicKeyPem(ec.get());
  ASSERT_TRUE(pem.ok());
  EXPECT_FALSE(ParsePublicKeyPem(*pem).ok());
  EXPECT_FALSE(ParsePublicKeyPem("not a key").ok());
}

TEST_F(CheckpointTest, KeyFileIsPrivateAndReloadsTheSameKey) {
  const mode_t old_umask = umask(0);  // The mode must not come from it.
  KeyPtr key = NewKey();
  umask(old_umask);
  ASSERT_NE(key, nullptr);
  struct stat st;
  ASSERT_EQ(stat((dir_ / "audit.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  ASSERT_EQ(stat((dir_ / "audit.key.pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_NE(ReadAll(dir_ / "audit.key").find("BEGIN PRIVATE KEY"),
            std::string::npos);
  const std::string pub_pem = *PublicKeyPem(key.get());
  EXPECT_EQ(ReadAll(dir_ / "audit.key.pub"), pub_pem);
  EXPECT_NE(pub_pem.find("BEGIN PUBLIC KEY"), std::string::npos);

  KeyPtr again = NewKey();
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(*PublicKeyPem(again.get()), pub_pem);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 2);  // No temporary files left behind.

  // A lost .pub is written again; a wrong one is an error.
  fs::remove(dir_ / "audit.key.pub");
  ASSERT_NE(NewKey(), nullptr);
  EXPECT_EQ(ReadAll(dir_ / "audit.key.pub"), pub_pem);
  KeyPtr other = NewKey("other.key");
  ASSERT_NE(other, nullptr);
  fs::copy_file(dir_ / "other.key.pub", dir_ / "audit.key.pub",
                fs::copy_options::overwrite_existing);
  EXPECT_EQ(LoadOrCreateSigningKey(dir_ / "audit.key").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(CheckpointTest, KeyFileErrors) {
  std::ofstream(dir_ / "garbage.key") << "not a key";
  fs::permissions(dir_ / "garbage.key", fs::perms::owner_read);
  EXPECT_EQ(LoadOrCreateSigningKey(dir_ / "garbage.key").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(LoadOrCreateSigningKey(dir_ / "missing" / "audit.key").ok());
}

// The signing key gets the owner and mode checks of every private key
// (ReadPrivateFile): a key that group or others may read is refused.
TEST_F(CheckpointTest, RefusesASigningKeyOthersCanRead) {
  ASSERT_NE(NewKey(), nullptr);
  for (const fs::perms extra :
       {fs::perms::group_read, fs::perms::others_read}) {
    fs::permissions(dir_ / "audit.key",
                    fs::perms::owner_read | fs::perms::owner_write | extra);
    const auto key = LoadOrCreateSigningKey(dir_ / "audit.key");
    EXPECT_EQ(key.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(key.status().message()),
                testing::HasSubstr("mode 0600"));
  }
  fs::permissions(dir_ / "audit.key",
                  fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_TRUE(LoadOrCreateSigningKey(dir_ / "audit.key").ok());
}

}  // namespace
}  // namespace rosa::audit
