// RFC 6962 Merkle tree hashing and proofs, written as the recursive
// definitions of RFC 6962 §2.1 (generation) and the iterative algorithms of
// RFC 9162 §2.1.3.2 and §2.1.4.2 (verification), step for step.
//
// Thread-safety: pure functions.
#include "hub/audit/merkle.h"

#include <bit>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/sha256.h"

namespace rosa::audit {
namespace {

using Hashes = std::span<const std::string>;

// k in RFC 6962: the largest power of two smaller than n.
// REQUIRES: n >= 2.
size_t SplitPoint(size_t n) { return std::bit_floor(n - 1); }

// MTH(D[n]) for n >= 1.
std::string Mth(Hashes d) {
  if (d.size() == 1) return d[0];
  const size_t k = SplitPoint(d.size());
  return NodeHash(Mth(d.first(k)), Mth(d.subspan(k)));
}

// PATH(m, D[n]), appended to `out` bottom-up. REQUIRES: m < n.
void Path(size_t m, Hashes d, std::vector<std::string>* out) {
  if (d.size() <= 1) return;
  const size_t k = SplitPoint(d.size());
  if (m < k) {
    Path(m, d.first(k), out);
    out->push_back(Mth(d.subspan(k)));
  } else {
    Path(m - k, d.subspan(k), out);
    out->push_back(Mth(d.first(k)));
  }
}

// SUBPROOF(m, D[n], b), appended to `out`. REQUIRES: 0 < m <= n.
void Subproof(size_t m, Hashes d, bool b, std::vector<std::string>* out) {
  if (m == d.size()) {
    if (!b) out->push_back(Mth(d));
    return;
  }
  const size_t k = SplitPoint(d.size());
  if (m <= k) {
    Subproof(m, d.first(k), b, out);
    out->push_back(Mth(d.subspan(k)));
  } else {
    Subproof(m - k, d.subspan(k), false, out);
    out->push_back(Mth(d.first(k)));
  }
}

absl::Status ProofFails(const std::string& what) {
  return absl::DataLossError(absl::StrCat("Merkle proof fails: ", what));
}

absl::Status CheckHashSizes(std::string_view a, std::string_view b,
                            Hashes proof) {
  bool ok = a.size() == kHashSize && b.size() == kHashSize;
  for (const std::string& node : proof) ok = ok && node.size() == kHashSize;
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("a hash or proof node is not ", kHashSize, " bytes"));
}

// Right-shifts fn and sn together until LSB(fn) is set or fn is 0.
void ShiftUntilOddOrZero(uint64_t& fn, uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

std::string LeafHash(std::string_view entry) {
  std::string data(1, '\x00');
  data.append(entry);
  return Sha256(data);
}

std::string NodeHash(std::string_view left, std::string_view right) {
  std::string data(1, '\x01');
  data.reserve(1 + left.size() + right.size());
  data.append(left);
  data.append(right);
  return Sha256(data);
}

std::string EmptyRootHash() { return Sha256(""); }

std::string RootHash(Hashes leaf_hashes) {
  return leaf_hashes.empty() ? EmptyRootHash() : Mth(leaf_hashes);
}

absl::StatusOr<std::vector<std::string>> InclusionProof(Hashes leaf_hashes,
                                                        uint64_t index) {
  if (index >= leaf_hashes.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("inclusion proof for leaf ", index, " of a tree of ",
                     leaf_hashes.size(), " leaves"));
  }
  std::vector<std::string> proof;
  Path(index, leaf_hashes, &proof);
  return proof;
}

absl::StatusOr<std::vector<std::string>> ConsistencyProof(Hashes leaf_hashes,
                                                          uint64_t old_size) {
  if (old_size > leaf_hashes.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("consistency proof from size ", old_size,
                     " to the smaller size ", leaf_hashes.size()));
  }
  std::vector<std::string> proof;
  if (old_size > 0) Subproof(old_size, leaf_hashes, true, &proof);
  return proof;
}

absl::Status VerifyInclusion(std::string_view leaf_hash, uint64_t index,
                             uint64_t tree_size, Hashes proof,
                             std::string_view root) {
  if (absl::Status s = CheckHashSizes(leaf_hash, root, proof); !s.ok()) {
    return s;
  }
  // Step 1.
  if (index >= tree_size) {
    return ProofFails(absl::StrCat("leaf index ", index,
                                   " is not below tree size ", tree_size));
  }
  // Steps 2-4.
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  std::string r(leaf_hash);
  for (const std::string& p : proof) {
    if (sn == 0) return ProofFails("more nodes than the tree size allows");
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      ShiftUntilOddOrZero(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 5.
  if (sn != 0) return ProofFails("fewer nodes than the tree size requires");
  if (r != root) return ProofFails("the computed root differs from the root");
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size,
                               std::string_view old_root,
                               std::string_view new_root, Hashes proof) {
  if (absl::Status s = CheckHashSizes(old_root, new_root, proof); !s.ok()) {
    return s;
  }
  if (old_size > new_size) {
    return ProofFails(
        absl::StrCat("old size ", old_size, " exceeds new size ", new_size));
  }
  if (old_size == new_size || old_size == 0) {
    if (!proof.empty()) {
      return ProofFails(absl::StrCat("a proof from size ", old_size, " to ",
                                     new_size, " must be empty"));
    }
    if (old_size == new_size && old_root != new_root) {
      return ProofFails("equal sizes but different roots");
    }
    if (old_size == 0 && old_root != EmptyRootHash()) {
      return ProofFails("old size 0 but the old root is not the empty root");
    }
    return absl::OkStatus();
  }
  // Step 1.
  if (proof.empty()) return ProofFails("empty proof");
  // Step 2: the path, with old_root in front if old_size is a power of 2.
  std::vector<std::string_view> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  for (const std::string& node : proof) path.push_back(node);
  // Steps 3-4.
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  // Steps 5-6.
  std::string fr(path[0]);
  std::string sr(path[0]);
  for (size_t i = 1; i < path.size(); ++i) {
    const std::string_view c = path[i];
    if (sn == 0) return ProofFails("more nodes than the sizes allow");
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      ShiftUntilOddOrZero(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  if (sn != 0) return ProofFails("fewer nodes than the sizes require");
  if (fr != old_root) return ProofFails("the computed old root differs");
  if (sr != new_root) return ProofFails("the computed new root differs");
  return absl::OkStatus();
}

}  // namespace rosa::audit
