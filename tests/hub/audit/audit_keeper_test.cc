// Tests for hub/audit/audit_keeper: the signing key on disk, checkpoints of
// the stored log, proofs from the stored leaf hashes (and that corrupted
// proofs are rejected), and verification against a kept checkpoint.
#include "hub/audit/audit_keeper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "hub/audit/merkle.h"
#include "hub/audit/stored_log_verifier.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::audit {
namespace {

using test_util::AppendEntries;
using ::testing::HasSubstr;

namespace v1 = rosa::hub::v1;

constexpr int kEntries = 13;

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

std::vector<std::string> Proof(const v1::ProofResponse& response) {
  return {response.hashes().begin(), response.hashes().end()};
}

std::string FlipBit(std::string s, size_t byte, int bit) {
  s[byte] = static_cast<char>(s[byte] ^ (1 << bit));
  return s;
}

class AuditKeeperTest : public testing::Test {
 protected:
  void SetUp() override {
    conn_ = test_util::OpenStore(dir_.File("hub.db"));
    ASSERT_NE(conn_, nullptr);
    auto keeper = AuditKeeper::Open(dir_.path());
    ASSERT_TRUE(keeper.ok()) << keeper.status();
    keeper_ = *std::move(keeper);
  }

  // The roots of every prefix, computed from the entries as stored.
  std::string RootOf(uint64_t size) {
    const std::vector<std::string> raw = test_util::RawEntries(*conn_);
    std::vector<std::string> leaves;
    for (uint64_t i = 0; i < size; ++i) leaves.push_back(LeafHash(raw[i]));
    return RootHash(leaves);
  }

  v1::SignedCheckpoint MustCheckpoint() {
    auto checkpoint = keeper_->SignCheckpoint(*conn_);
    EXPECT_TRUE(checkpoint.ok()) << checkpoint.status();
    return checkpoint.ok() ? *checkpoint : v1::SignedCheckpoint();
  }

  testutil::TempDir dir_;
  std::unique_ptr<store::Connection> conn_;
  std::unique_ptr<AuditKeeper> keeper_;
};

TEST_F(AuditKeeperTest, KeyFilesArePrivateAndReused) {
  EXPECT_EQ(AuditKeeper::SigningKeyPath(dir_.path()),
            dir_.path() / "keys" / "audit-signing.key");
  EXPECT_EQ(ModeOf(dir_.path() / "keys"), 0700u);
  EXPECT_EQ(ModeOf(AuditKeeper::SigningKeyPath(dir_.path())), 0600u);
  EXPECT_EQ(ModeOf(AuditKeeper::PublicKeyPath(dir_.path())), 0644u);
  auto again = AuditKeeper::OpenExisting(dir_.path());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->public_key_pem(), keeper_->public_key_pem());
  auto pub = LoadPublicKeyFile(AuditKeeper::PublicKeyPath(dir_.path()));
  ASSERT_TRUE(pub.ok()) << pub.status();
  EXPECT_EQ(*PublicKeyPem(pub->get()), keeper_->public_key_pem());
}

TEST_F(AuditKeeperTest, OpenExistingDoesNotCreateAKey) {
  testutil::TempDir other;
  ASSERT_EQ(mkdir((other.path() / "keys").c_str(), 0700), 0);
  EXPECT_EQ(AuditKeeper::OpenExisting(other.path()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_FALSE(
      std::filesystem::exists(AuditKeeper::SigningKeyPath(other.path())));
}

TEST_F(AuditKeeperTest, CheckpointOfTheEmptyLog) {
  const v1::SignedCheckpoint checkpoint = MustCheckpoint();
  EXPECT_EQ(checkpoint.tree_size(), 0u);
  EXPECT_EQ(checkpoint.root_hash(), EmptyRootHash());
}

TEST_F(AuditKeeperTest, CheckpointMatchesRootOfStoredEntries) {
  AppendEntries(*conn_, 0, kEntries);
  const v1::SignedCheckpoint checkpoint = MustCheckpoint();
  EXPECT_EQ(checkpoint.origin(), kAuditLogOrigin);
  EXPECT_EQ(checkpoint.tree_size(), static_cast<uint64_t>(kEntries));
  EXPECT_EQ(checkpoint.root_hash(), RootOf(kEntries));
  EXPECT_EQ(checkpoint.public_key_pem(), keeper_->public_key_pem());
  auto parsed = CheckpointOf(checkpoint);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*CheckpointBody(*parsed), checkpoint.body());
  EXPECT_EQ(checkpoint.body(),
            absl::StrCat("rosa-hub audit log\n", kEntries, "\n",
                         absl::Base64Escape(RootOf(kEntries)), "\n"));
  auto pub = ParsePublicKeyPem(checkpoint.public_key_pem());
  ASSERT_TRUE(pub.ok()) << pub.status();
  EXPECT_TRUE(
      VerifyCheckpoint(pub->get(), *parsed, checkpoint.signature()).ok());
}

TEST_F(AuditKeeperTest, InclusionProofsFromTheStoreVerify) {
  AppendEntries(*conn_, 0, kEntries);
  const std::vector<std::string> raw = test_util::RawEntries(*conn_);
  for (uint64_t size = 1; size <= kEntries; ++size) {
    const std::string root = RootOf(size);
    for (uint64_t index = 0; index < size; ++index) {
      auto proof = keeper_->InclusionProof(*conn_, index, size);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_EQ(proof->leaf_hash(), LeafHash(raw[index]));
      EXPECT_TRUE(
          VerifyInclusion(proof->leaf_hash(), index, size, Proof(*proof), root)
              .ok())
          << index << " of " << size;
    }
  }
}

TEST_F(AuditKeeperTest, ConsistencyProofsFromTheStoreVerify) {
  AppendEntries(*conn_, 0, kEntries);
  for (uint64_t new_size = 0; new_size <= kEntries; ++new_size) {
    for (uint64_t old_size = 0; old_size <= new_size; ++old_size) {
      auto proof = keeper_->ConsistencyProof(*conn_, old_size, new_size);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_TRUE(VerifyConsistency(old_size, new_size, RootOf(old_size),
                                    RootOf(new_size), Proof(*proof))
                      .ok())
          << old_size << " -> " << new_size;
    }
  }
}

TEST_F(AuditKeeperTest, ProofRequestsOutsideTheLogAreRefused) {
  AppendEntries(*conn_, 0, 4);
  EXPECT_EQ(keeper_->InclusionProof(*conn_, 4, 4).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(keeper_->InclusionProof(*conn_, 0, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(keeper_->InclusionProof(*conn_, 0, 5).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(keeper_->ConsistencyProof(*conn_, 3, 2).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(keeper_->ConsistencyProof(*conn_, 2, 5).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A size far beyond the log is refused at once, before anything is sized
// by it (it used to reach vector::reserve).
TEST_F(AuditKeeperTest, HugeProofSizesAreInvalidArguments) {
  AppendEntries(*conn_, 0, 4);
  constexpr uint64_t kHuge = uint64_t{1} << 62;
  for (uint64_t size : {kHuge, ~uint64_t{0}, uint64_t{5}}) {
    absl::Status inclusion = keeper_->InclusionProof(*conn_, 0, size).status();
    EXPECT_EQ(inclusion.code(), absl::StatusCode::kInvalidArgument) << size;
    EXPECT_THAT(std::string(inclusion.message()), HasSubstr("tree_size"))
        << inclusion;
    absl::Status consistency =
        keeper_->ConsistencyProof(*conn_, 1, size).status();
    EXPECT_EQ(consistency.code(), absl::StatusCode::kInvalidArgument) << size;
    EXPECT_THAT(std::string(consistency.message()), HasSubstr("new_size"))
        << consistency;
  }
  EXPECT_EQ(keeper_->ConsistencyProof(*conn_, kHuge, kHuge).status().code(),
            absl::StatusCode::kInvalidArgument);
  // The log itself still answers.
  EXPECT_TRUE(keeper_->InclusionProof(*conn_, 3, 4).ok());
}

TEST_F(AuditKeeperTest, CorruptedInclusionProofsAreRejected) {
  AppendEntries(*conn_, 0, kEntries);
  const uint64_t size = kEntries;
  const std::string root = RootOf(size);
  for (uint64_t index = 0; index < size; ++index) {
    auto response = keeper_->InclusionProof(*conn_, index, size);
    ASSERT_TRUE(response.ok()) << response.status();
    const std::vector<std::string> proof = Proof(*response);
    const std::string& leaf = response->leaf_hash();
    ASSERT_TRUE(VerifyInclusion(leaf, index, size, proof, root).ok());
    // Wrong index, wrong size.
    for (uint64_t other = 0; other < size; ++other) {
      if (other == index) continue;
      EXPECT_FALSE(VerifyInclusion(leaf, other, size, proof, root).ok())
          << index << " as " << other;
    }
    // Wrong size: a checkpoint binds each size to its own root, so the
    // proof fails against every other (size, root) the log has had, and
    // for a size that gives the leaf another path.
    for (uint64_t other = index + 1; other < size; ++other) {
      EXPECT_FALSE(
          VerifyInclusion(leaf, index, other, proof, RootOf(other)).ok())
          << index << " in " << other;
    }
    EXPECT_FALSE(VerifyInclusion(leaf, index, size * 2, proof, root).ok());
    EXPECT_FALSE(VerifyInclusion(leaf, index, index, proof, root).ok());
    // One bit flipped anywhere: in a proof node, the leaf or the root.
    for (size_t node = 0; node < proof.size(); ++node) {
      for (size_t byte = 0; byte < kHashSize; byte += 7) {
        std::vector<std::string> bad = proof;
        bad[node] = FlipBit(bad[node], byte, static_cast<int>(byte % 8));
        EXPECT_FALSE(VerifyInclusion(leaf, index, size, bad, root).ok());
      }
    }
    EXPECT_FALSE(
        VerifyInclusion(FlipBit(leaf, 0, 0), index, size, proof, root).ok());
    EXPECT_FALSE(
        VerifyInclusion(leaf, index, size, proof, FlipBit(root, 31, 7)).ok());
    // A node dropped or added.
    if (!proof.empty()) {
      std::vector<std::string> shorter(proof.begin(), proof.end() - 1);
      EXPECT_FALSE(VerifyInclusion(leaf, index, size, shorter, root).ok());
    }
    std::vector<std::string> longer = proof;
    longer.push_back(leaf);
    EXPECT_FALSE(VerifyInclusion(leaf, index, size, longer, root).ok());
  }
}

TEST_F(AuditKeeperTest, CorruptedConsistencyProofsAreRejected) {
  AppendEntries(*conn_, 0, kEntries);
  const uint64_t new_size = kEntries;
  const std::string new_root = RootOf(new_size);
  for (uint64_t old_size = 1; old_size < new_size; ++old_size) {
    auto response = keeper_->ConsistencyProof(*conn_, old_size, new_size);
    ASSERT_TRUE(response.ok()) << response.status();
    const std::vector<std::string> proof = Proof(*response);
    const std::string old_root = RootOf(old_size);
    ASSERT_TRUE(
        VerifyConsistency(old_size, new_size, old_root, new_root, proof).ok());
    // Another old size, with that size's true root.
    for (uint64_t other = 1; other < new_size; ++other) {
      if (other == old_size) continue;
      EXPECT_FALSE(
          VerifyConsistency(other, new_size, RootOf(other), new_root, proof)
              .ok())
          << old_size << " as " << other;
    }
    // Another new size, with that size's true root.
    for (uint64_t other = old_size + 1; other < new_size; ++other) {
      EXPECT_FALSE(
          VerifyConsistency(old_size, other, old_root, RootOf(other), proof)
              .ok())
          << old_size << " to " << other;
    }
    for (size_t node = 0; node < proof.size(); ++node) {
      for (size_t byte = 0; byte < kHashSize; byte += 5) {
        std::vector<std::string> bad = proof;
        bad[node] = FlipBit(bad[node], byte, static_cast<int>(byte % 8));
        EXPECT_FALSE(
            VerifyConsistency(old_size, new_size, old_root, new_root, bad)
                .ok());
      }
    }
    EXPECT_FALSE(VerifyConsistency(old_size, new_size, FlipBit(old_root, 3, 1),
                                   new_root, proof)
                     .ok());
    EXPECT_FALSE(VerifyConsistency(old_size, new_size, old_root,
                                   FlipBit(new_root, 9, 4), proof)
                     .ok());
  }
}

TEST_F(AuditKeeperTest, VerifiesTheStoredLogAsItGrows) {
  AppendEntries(*conn_, 0, 5);
  const v1::SignedCheckpoint checkpoint = MustCheckpoint();
  auto verified = keeper_->Verify(*conn_, checkpoint);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->consistent()) << verified->problem();
  EXPECT_EQ(verified->tree_size(), 5u);
  AppendEntries(*conn_, 5, 4);
  verified = keeper_->Verify(*conn_, checkpoint);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->consistent()) << verified->problem();
  EXPECT_EQ(verified->tree_size(), 9u);
}

TEST_F(AuditKeeperTest, RefusesCheckpointsItDidNotSign) {
  AppendEntries(*conn_, 0, 5);
  const v1::SignedCheckpoint good = MustCheckpoint();
  testutil::TempDir other_dir;
  auto other = AuditKeeper::Open(other_dir.path());
  ASSERT_TRUE(other.ok()) << other.status();

  std::vector<v1::SignedCheckpoint> bad;
  auto foreign = (*other)->SignCheckpoint(*conn_);  // Another hub's key.
  ASSERT_TRUE(foreign.ok());
  bad.push_back(*foreign);
  foreign->clear_public_key_pem();  // Not even naming its key.
  bad.push_back(*foreign);
  v1::SignedCheckpoint flipped = good;
  flipped.set_signature(FlipBit(good.signature(), 10, 2));
  bad.push_back(flipped);
  v1::SignedCheckpoint smaller = good;  // Re-stated, not re-signed.
  smaller.set_tree_size(4);
  smaller.set_body(absl::StrCat("rosa-hub audit log\n4\n",
                                absl::Base64Escape(RootOf(4)), "\n"));
  smaller.set_root_hash(RootOf(4));
  bad.push_back(smaller);
  v1::SignedCheckpoint disagreeing = good;  // Fields against the body.
  disagreeing.set_tree_size(3);
  bad.push_back(disagreeing);
  v1::SignedCheckpoint garbled = good;
  garbled.set_body("rosa-hub audit log\n5\n");
  bad.push_back(garbled);
  for (const v1::SignedCheckpoint& checkpoint : bad) {
    auto verified = keeper_->Verify(*conn_, checkpoint);
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_FALSE(verified->consistent());
    EXPECT_THAT(verified->problem(), HasSubstr("checkpoint"));
    EXPECT_EQ(verified->tree_size(), 5u);
  }
}

TEST_F(AuditKeeperTest, CheckpointSurvivesJson) {
  AppendEntries(*conn_, 0, 3);
  const v1::SignedCheckpoint checkpoint = MustCheckpoint();
  auto json = CheckpointToJson(checkpoint);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"tree_size\""));
  auto back = CheckpointFromJson(*json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->SerializeAsString(), checkpoint.SerializeAsString());
  EXPECT_EQ(CheckpointFromJson("{\"tree_size\": \"x\"}").status().code(),
            absl::StatusCode::kInvalidArgument);
  auto verified = keeper_->Verify(*conn_, *back);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->consistent()) << verified->problem();
}

}  // namespace
}  // namespace rosa::audit
