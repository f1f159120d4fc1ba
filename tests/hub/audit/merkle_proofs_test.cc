// Exhaustive tests for hub/audit/merkle proofs: for every tree of up to 65
// leaves, every inclusion and consistency proof verifies against the naive
// MTH, and every corruption of it (wrong index or size, a flipped bit, a
// node missing or added, sizes swapped) is rejected.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/merkle.h"
#include "tests/hub/audit/merkle_test_util.h"

namespace rosa::audit {
namespace {

using test_util::CtEntries;
using test_util::GeneratedEntries;
using test_util::kCtRoots;
using test_util::LeafHashes;
using test_util::NaiveMth;
using test_util::Unhex;

// The shape of PATH(i, D[n]), bottom-up: 'L' where the sibling is on the
// left, 'R' where it is on the right. Proof nodes are opaque hashes, so a
// proof verifies for exactly those sizes that give its leaf this shape.
std::string PathShape(uint64_t i, uint64_t n) {
  std::string top_down;
  while (n > 1) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    if (i < k) {
      top_down += 'R';
      n = k;
    } else {
      top_down += 'L';
      i -= k;
      n -= k;
    }
  }
  return std::string(top_down.rbegin(), top_down.rend());
}

// The shape of PROOF(m, D[n]), bottom-up: 'S' for the starting subtree,
// 'L' for a node left of both trees' paths, 'R' for one only in the new.
std::string ConsistencyShape(uint64_t m, uint64_t n) {
  std::string top_down;
  bool b = true;
  while (m != n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    if (m <= k) {
      top_down += 'R';
      n = k;
    } else {
      top_down += 'L';
      m -= k;
      n -= k;
      b = false;
    }
  }
  if (!b) top_down += 'S';
  return std::string(top_down.rbegin(), top_down.rend());
}

std::string FlipBit(std::string s, size_t bit) {
  s[bit / 8] = static_cast<char>(s[bit / 8] ^ (1 << (bit % 8)));
  return s;
}

std::vector<std::string> Without(std::vector<std::string> v, size_t i) {
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
  return v;
}

// Every (index, size) of `entries`: the proof verifies against the naive
// root, and every corruption fails.
void CheckAllInclusionProofs(const std::vector<std::string>& entries) {
  const std::vector<std::string> leaves = LeafHashes(entries);
  const std::string other = LeafHash("not in the log");
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    const std::string root = NaiveMth(entries, 0, n);
    for (uint64_t i = 0; i < n; ++i) {
      SCOPED_TRACE(absl::StrCat("leaf ", i, " size ", n));
      auto proof_or = InclusionProof(std::span(leaves).first(n), i);
      ASSERT_TRUE(proof_or.ok()) << proof_or.status();
      const std::vector<std::string>& proof = *proof_or;
      ASSERT_TRUE(VerifyInclusion(leaves[i], i, n, proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(other, i, n, proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, proof, other).ok());
      for (uint64_t j = 0; j <= n + 1; ++j) {
        if (j == i) continue;
        EXPECT_FALSE(VerifyInclusion(leaves[i], j, n, proof, root).ok()) << j;
      }
      // A wrong tree size fails unless it gives the leaf the same path shape
      // (leaf 0 of 3 leaves and of 4, say): the proof cannot tell those
      // apart, which is why a checkpoint signs the size with the root.
      for (uint64_t m = 0; m <= 2 * n + 1; ++m) {
        const bool same_shape = i < m && PathShape(i, m) == PathShape(i, n);
        EXPECT_EQ(VerifyInclusion(leaves[i], i, m, proof, root).ok(),
                  same_shape)
            << "tree size " << m;
      }
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, 2 * n, proof, root).ok());
      for (size_t k = 0; k < proof.size(); ++k) {
        std::vector<std::string> bad = proof;
        bad[k] = FlipBit(bad[k], (i * 31 + n * 7 + k) % 256);
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, bad, root).ok()) << k;
        EXPECT_FALSE(
            VerifyInclusion(leaves[i], i, n, Without(proof, k), root).ok());
      }
      for (const std::string& extra : {other, root, leaves[i]}) {
        std::vector<std::string> longer = proof;
        longer.push_back(extra);
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, longer, root).ok());
        longer.pop_back();
        longer.insert(longer.begin(), extra);
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, longer, root).ok());
      }
    }
  }
}

TEST(MerkleProofsTest, InclusionProofsForEveryLeafOfTheCtTrees) {
  CheckAllInclusionProofs(CtEntries());
  // And every single bit of every node of every proof matters.
  const std::vector<std::string> leaves = LeafHashes(CtEntries());
  for (uint64_t n = 1; n <= 8; ++n) {
    for (uint64_t i = 0; i < n; ++i) {
      auto proof = InclusionProof(std::span(leaves).first(n), i);
      ASSERT_TRUE(proof.ok());
      for (size_t k = 0; k < proof->size(); ++k) {
        for (size_t bit = 0; bit < 8 * kHashSize; ++bit) {
          std::vector<std::string> bad = *proof;
          bad[k] = FlipBit(bad[k], bit);
          EXPECT_FALSE(
              VerifyInclusion(leaves[i], i, n, bad, Unhex(kCtRoots[n])).ok());
        }
      }
    }
  }
}

TEST(MerkleProofsTest, InclusionProofsForEveryLeafUpTo65) {
  CheckAllInclusionProofs(GeneratedEntries());
}

TEST(MerkleProofsTest, ConsistencyProofsForEveryPairUpTo65) {
  const std::vector<std::string> entries = GeneratedEntries();
  const std::vector<std::string> leaves = LeafHashes(entries);
  std::vector<std::string> roots;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    roots.push_back(NaiveMth(entries, 0, n));
  }
  const std::string other = LeafHash("not a root");
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    for (uint64_t m = 1; m <= n; ++m) {
      SCOPED_TRACE(absl::StrCat("old ", m, " new ", n));
      auto proof_or = ConsistencyProof(std::span(leaves).first(n), m);
      ASSERT_TRUE(proof_or.ok()) << proof_or.status();
      const std::vector<std::string>& proof = *proof_or;
      ASSERT_TRUE(VerifyConsistency(m, n, roots[m], roots[n], proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, n, other, roots[n], proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, n, roots[m], other, proof).ok());
      if (m < n) {
        EXPECT_FALSE(VerifyConsistency(n, m, roots[n], roots[m], proof).ok());
        EXPECT_FALSE(VerifyConsistency(n, m, roots[m], roots[n], proof).ok());
      }
      for (uint64_t m2 : {m - 1, m + 1}) {
        if (m2 != 0 && m2 <= n) {
          EXPECT_FALSE(VerifyConsistency(m2, n, roots[m], roots[n], proof).ok())
              << "old size " << m2;
        }
      }
      // As for inclusion, a wrong new size fails unless it has the same
      // proof shape.
      for (uint64_t n2 = 0; n2 <= 2 * n + 1; ++n2) {
        const bool same_shape =
            n2 >= m && ConsistencyShape(m, n2) == ConsistencyShape(m, n);
        EXPECT_EQ(VerifyConsistency(m, n2, roots[m], roots[n], proof).ok(),
                  same_shape)
            << "new size " << n2;
      }
      for (size_t k = 0; k < proof.size(); ++k) {
        std::vector<std::string> bad = proof;
        bad[k] = FlipBit(bad[k], (m * 13 + n * 5 + k) % 256);
        EXPECT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], bad).ok())
            << k;
        EXPECT_FALSE(
            VerifyConsistency(m, n, roots[m], roots[n], Without(proof, k))
                .ok());
      }
      for (const std::string& extra : {other, roots[m], roots[n]}) {
        std::vector<std::string> longer = proof;
        longer.push_back(extra);
        EXPECT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], longer).ok());
        longer.pop_back();
        longer.insert(longer.begin(), extra);
        EXPECT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], longer).ok());
      }
    }
  }
}

}  // namespace
}  // namespace rosa::audit
