// Tests for hub/audit/log_verifier: a 20-entry log with a signed checkpoint
// at 15; every kind of tampering with the first 15 entries is detected, and
// growth after the checkpoint is not mistaken for tampering.
#include "hub/audit/log_verifier.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/merkle.h"

namespace rosa::audit {
namespace {

constexpr uint64_t kCheckpointSize = 15;

class LogVerifierTest : public testing::Test {
 protected:
  void SetUp() override {
    key_.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    ASSERT_NE(key_, nullptr);
    auto pub = ParsePublicKeyPem(*PublicKeyPem(key_.get()));
    ASSERT_TRUE(pub.ok()) << pub.status();
    public_key_ = *std::move(pub);
    for (int i = 0; i < 20; ++i) {
      log_.push_back(absl::StrCat(R"({"seq":)", i, R"(,"op":")",
                                  i % 3 == 0 ? "write" : "read",
                                  R"(","person":"Kari Nordmann )", i * 7,
                                  R"(","actor":"partner-)", i % 4, R"("})"));
    }
    std::vector<std::string> leaves;
    for (uint64_t i = 0; i < kCheckpointSize; ++i) {
      leaves.push_back(LeafHash(log_[i]));
    }
    checkpoint_ = {"rosa-hub.test/audit", kCheckpointSize, RootHash(leaves)};
    auto signature = SignCheckpoint(key_.get(), checkpoint_);
    ASSERT_TRUE(signature.ok()) << signature.status();
    signature_ = *signature;
  }

  absl::Status Verify(const std::vector<std::string>& entries) {
    return VerifyLog(entries, checkpoint_, signature_, public_key_.get());
  }

  // Expects DATA_LOSS whose message shows no entry contents.
  void ExpectTampered(const std::vector<std::string>& entries,
                      const std::string& what) {
    const absl::Status status = Verify(entries);
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << what;
    const std::string message(status.message());
    EXPECT_EQ(message.find("Kari"), std::string::npos) << message;
    EXPECT_EQ(message.find("partner-"), std::string::npos) << message;
  }

  KeyPtr key_;
  KeyPtr public_key_;
  std::vector<std::string> log_;
  Checkpoint checkpoint_;
  std::string signature_;
};

TEST_F(LogVerifierTest, IntactLogVerifiesAlsoAfterAppending) {
  EXPECT_TRUE(Verify(log_).ok()) << Verify(log_);
  const std::vector<std::string> exact(log_.begin(),
                                       log_.begin() + kCheckpointSize);
  EXPECT_TRUE(Verify(exact).ok());
  std::vector<std::string> longer = log_;
  longer.push_back("");
  longer.push_back("another entry");
  EXPECT_TRUE(Verify(longer).ok());
  // Entries after the checkpoint are not covered by it.
  std::vector<std::string> changed_tail = log_;
  changed_tail[15] = "rewritten after the checkpoint";
  changed_tail.erase(changed_tail.begin() + 17);
  EXPECT_TRUE(Verify(changed_tail).ok());
}

TEST_F(LogVerifierTest, DetectsEverySingleByteChange) {
  int checked = 0;
  for (uint64_t i = 0; i < kCheckpointSize; ++i) {
    for (size_t b = 0; b < log_[i].size(); ++b) {
      for (char mask : {'\x01', '\x80', '\xff'}) {
        std::vector<std::string> tampered = log_;
        tampered[i][b] = static_cast<char>(tampered[i][b] ^ mask);
        ExpectTampered(tampered, absl::StrCat("entry ", i, " byte ", b));
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 15 * 3 * 50);
}

TEST_F(LogVerifierTest, DetectsDroppedInsertedAndGrownEntries) {
  for (uint64_t i = 0; i < kCheckpointSize; ++i) {
    std::vector<std::string> dropped = log_;
    dropped.erase(dropped.begin() + static_cast<std::ptrdiff_t>(i));
    ExpectTampered(dropped, absl::StrCat("dropped ", i));
    std::vector<std::string> inserted = log_;
    // (Duplicating entry i in place would leave the first 15 unchanged
    // for i = 14, so insert the next entry's copy instead.)
    inserted.insert(inserted.begin() + static_cast<std::ptrdiff_t>(i),
                    log_[i + 1]);
    ExpectTampered(inserted, absl::StrCat("inserted before ", i));
    std::vector<std::string> grown = log_;
    grown[i] += "x";
    ExpectTampered(grown, absl::StrCat("appended byte to ", i));
    std::vector<std::string> emptied = log_;
    emptied[i].clear();
    ExpectTampered(emptied, absl::StrCat("emptied ", i));
  }
}

TEST_F(LogVerifierTest, DetectsEverySwapOfTwoEntries) {
  for (size_t i = 0; i < kCheckpointSize; ++i) {
    for (size_t j = i + 1; j < log_.size(); ++j) {
      std::vector<std::string> swapped = log_;
      std::swap(swapped[i], swapped[j]);
      ExpectTampered(swapped, absl::StrCat("swapped ", i, " and ", j));
    }
  }
  std::vector<std::string> reversed(log_.begin(),
                                    log_.begin() + kCheckpointSize);
  std::reverse(reversed.begin(), reversed.end());
  ExpectTampered(reversed, "reversed");
}

TEST_F(LogVerifierTest, DetectsTruncationAndNamesTheSizes) {
  for (size_t n = 0; n < kCheckpointSize; ++n) {
    const std::vector<std::string> truncated(log_.begin(), log_.begin() + n);
    ExpectTampered(truncated, absl::StrCat("truncated to ", n));
  }
  const std::vector<std::string> fourteen(log_.begin(), log_.begin() + 14);
  const std::string message(Verify(fourteen).message());
  EXPECT_NE(message.find("14"), std::string::npos) << message;
  EXPECT_NE(message.find("15"), std::string::npos) << message;
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
}

TEST_F(LogVerifierTest, RejectsCheckpointsThatAreNotTheHubs) {
  std::string bad_signature = signature_;
  bad_signature[10] ^= 0x04;
  EXPECT_EQ(
      VerifyLog(log_, checkpoint_, bad_signature, public_key_.get()).code(),
      absl::StatusCode::kFailedPrecondition);
  // A forger cannot move the checkpoint back to hide a truncation.
  Checkpoint smaller = checkpoint_;
  smaller.size = 14;
  EXPECT_EQ(VerifyLog(log_, smaller, signature_, public_key_.get()).code(),
            absl::StatusCode::kFailedPrecondition);
  KeyPtr other(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(VerifyLog(log_, checkpoint_, signature_, other.get()).code(),
            absl::StatusCode::kFailedPrecondition);
  // A rewritten log re-signed with another key does not pass either.
  std::vector<std::string> rewritten = log_;
  rewritten[2] = "forged";
  std::vector<std::string> leaves;
  for (uint64_t i = 0; i < kCheckpointSize; ++i) {
    leaves.push_back(LeafHash(rewritten[i]));
  }
  Checkpoint forged = checkpoint_;
  forged.root_hash = RootHash(leaves);
  const std::string forged_signature = *SignCheckpoint(other.get(), forged);
  EXPECT_EQ(
      VerifyLog(rewritten, forged, forged_signature, public_key_.get()).code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(VerifyLog(rewritten, forged, forged_signature, other.get()).ok());
}

TEST_F(LogVerifierTest, EmptyCheckpointCoversNothing) {
  const Checkpoint empty = {"rosa-hub.test/audit", 0, EmptyRootHash()};
  const std::string signature = *SignCheckpoint(key_.get(), empty);
  EXPECT_TRUE(VerifyLog({}, empty, signature, public_key_.get()).ok());
  EXPECT_TRUE(VerifyLog(log_, empty, signature, public_key_.get()).ok());
}

}  // namespace
}  // namespace rosa::audit
