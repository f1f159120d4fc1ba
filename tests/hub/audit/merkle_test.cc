// Tests for hub/audit/merkle: hashing, roots and proofs against the
// published RFC 6962 test vectors and an independent naive MTH, and inputs
// the functions must refuse.
#include "hub/audit/merkle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/hub/audit/merkle_test_util.h"

namespace rosa::audit {
namespace {

using test_util::CtEntries;
using test_util::GeneratedEntries;
using test_util::Hex;
using test_util::kCtRoots;
using test_util::LeafHashes;
using test_util::NaiveMth;
using test_util::Unhex;

struct ProofVector {
  uint64_t a;  // Leaf index (inclusion) or old size (consistency).
  uint64_t size;
  std::vector<std::string> hex_proof;
};

// Upstream lists these with 1-based leaf numbers; here they are 0-based.
const std::vector<ProofVector> kCtInclusion = {
    {0, 1, {}},
    {0,
     8,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {5,
     8,
     {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2,
     3,
     {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
    {1,
     5,
     {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
};

const std::vector<ProofVector> kCtConsistency = {
    {1, 1, {}},
    {1,
     8,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {6,
     8,
     {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2,
     5,
     {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
};

TEST(MerkleTest, LeafAndNodeHashesUseTheRfc6962Prefixes) {
  EXPECT_EQ(Hex(LeafHash("")), kCtRoots[1]);
  EXPECT_EQ(Hex(NodeHash(LeafHash(""), LeafHash(Unhex("00")))), kCtRoots[2]);
  EXPECT_EQ(Hex(EmptyRootHash()), kCtRoots[0]);
}

TEST(MerkleTest, RootsMatchTheCtVectorsAndTheNaiveMth) {
  const std::vector<std::string> leaves = LeafHashes(CtEntries());
  for (size_t n = 0; n <= 8; ++n) {
    const std::string root = RootHash(std::span(leaves).first(n));
    EXPECT_EQ(Hex(root), kCtRoots[n]) << "size " << n;
    EXPECT_EQ(Hex(NaiveMth(CtEntries(), 0, n)), kCtRoots[n]) << "size " << n;
  }
  const std::vector<std::string> entries = GeneratedEntries();
  const std::vector<std::string> hashes = LeafHashes(entries);
  for (size_t n = 0; n <= entries.size(); ++n) {
    EXPECT_EQ(RootHash(std::span(hashes).first(n)), NaiveMth(entries, 0, n))
        << "size " << n;
  }
}

TEST(MerkleTest, ProofsMatchTheCtVectors) {
  const std::vector<std::string> leaves = LeafHashes(CtEntries());
  for (const ProofVector& v : kCtInclusion) {
    auto proof = InclusionProof(std::span(leaves).first(v.size), v.a);
    ASSERT_TRUE(proof.ok()) << proof.status();
    std::vector<std::string> hex;
    for (const std::string& node : *proof) hex.push_back(Hex(node));
    EXPECT_EQ(hex, v.hex_proof) << "leaf " << v.a << " size " << v.size;
    EXPECT_TRUE(VerifyInclusion(leaves[v.a], v.a, v.size, *proof,
                                Unhex(kCtRoots[v.size]))
                    .ok());
  }
  for (const ProofVector& v : kCtConsistency) {
    auto proof = ConsistencyProof(std::span(leaves).first(v.size), v.a);
    ASSERT_TRUE(proof.ok()) << proof.status();
    std::vector<std::string> hex;
    for (const std::string& node : *proof) hex.push_back(Hex(node));
    EXPECT_EQ(hex, v.hex_proof) << "old " << v.a << " new " << v.size;
    EXPECT_TRUE(VerifyConsistency(v.a, v.size, Unhex(kCtRoots[v.a]),
                                  Unhex(kCtRoots[v.size]), *proof)
                    .ok());
  }
}

TEST(MerkleTest, EdgeCasesAndMalformedInputs) {
  const std::vector<std::string> leaves = LeafHashes(CtEntries());
  const std::string root8 = Unhex(kCtRoots[8]);
  EXPECT_EQ(InclusionProof(leaves, 8).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(InclusionProof({}, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(leaves, 9).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto from_empty = ConsistencyProof(leaves, 0);
  ASSERT_TRUE(from_empty.ok());
  EXPECT_TRUE(from_empty->empty());
  EXPECT_TRUE(VerifyConsistency(0, 8, EmptyRootHash(), root8, {}).ok());
  EXPECT_FALSE(VerifyConsistency(0, 8, root8, root8, {}).ok());
  const std::vector<std::string> one_node = {root8};
  EXPECT_FALSE(VerifyConsistency(0, 8, EmptyRootHash(), root8, one_node).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 0, {}, EmptyRootHash()).ok());

  auto proof = InclusionProof(leaves, 3);
  ASSERT_TRUE(proof.ok());
  std::vector<std::string> short_node = *proof;
  short_node[1].pop_back();
  EXPECT_EQ(VerifyInclusion(leaves[3], 3, 8, short_node, root8).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyInclusion("short", 3, 8, *proof, root8).code(),
            absl::StatusCode::kInvalidArgument);
  const absl::Status fails = VerifyInclusion(leaves[3], 4, 8, *proof, root8);
  EXPECT_EQ(fails.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(fails.message()).find(Hex(root8)), std::string::npos);
}

}  // namespace
}  // namespace rosa::audit
