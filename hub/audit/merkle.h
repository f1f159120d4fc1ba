// The Merkle tree of the audit log: RFC 6962 §2.1 hashing (a leaf is
// SHA-256(0x00 || entry), an interior node SHA-256(0x01 || left || right),
// the empty tree SHA-256("")), the audit path and consistency proofs of
// RFC 6962 §2.1.1-2.1.2, and their verification exactly as RFC 9162
// §2.1.3.2 and §2.1.4.2 specify. Roots and proofs agree byte for byte with
// Certificate Transparency and transparency-dev/merkle, so any outside tool
// for those can check the hub's log.
//
// Every function here is pure and works on the full list of leaf hashes in
// memory: building a root or a proof hashes all n leaves again (O(n) time,
// O(log n) stack). That is fine for the audit log's current size; a log too
// large for that needs a store of interior nodes, with the same outputs.
//
// A proof does not pin down the tree size by itself: its nodes are opaque
// hashes, so a proof also verifies for any other size that gives the same
// path shape (leaf 0 of 3 leaves and of 4, say). Only a signed checkpoint
// binds a size to a root; take tree_size and root from the same one.
//
// Thread-safety: all functions are pure and safe to call concurrently.
#ifndef ROSA_HUB_AUDIT_MERKLE_H_
#define ROSA_HUB_AUDIT_MERKLE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::audit {

// Every hash is a raw (not hex) SHA-256 digest of this many bytes.
inline constexpr size_t kHashSize = 32;

// SHA-256(0x00 || entry): the hash of one log entry as a tree leaf.
std::string LeafHash(std::string_view entry);

// SHA-256(0x01 || left || right): the hash of an interior node.
// REQUIRES: both are kHashSize bytes (not checked).
std::string NodeHash(std::string_view left, std::string_view right);

// SHA-256(""): the root of the empty tree.
std::string EmptyRootHash();

// MTH: the root of the tree whose leaves have these hashes, in order.
// REQUIRES: every element is a LeafHash (kHashSize bytes; not checked).
std::string RootHash(std::span<const std::string> leaf_hashes);

// PATH(index, D[n]) for n = leaf_hashes.size(): the sibling hashes from the
// leaf up to the root. INVALID_ARGUMENT unless index < n.
// REQUIRES: as RootHash.
absl::StatusOr<std::vector<std::string>> InclusionProof(
    std::span<const std::string> leaf_hashes, uint64_t index);

// PROOF(old_size, D[n]) for n = leaf_hashes.size(): proves that the tree of
// the first old_size leaves is a prefix of this one. Empty when old_size is
// 0 or n (RFC 6962 defines neither; nothing needs proving then).
// INVALID_ARGUMENT if old_size > n.
// REQUIRES: as RootHash.
absl::StatusOr<std::vector<std::string>> ConsistencyProof(
    std::span<const std::string> leaf_hashes, uint64_t old_size);

// RFC 9162 §2.1.3.2: OK iff `proof` shows that `leaf_hash` is leaf number
// `index` (from 0) of the tree of `tree_size` leaves with root `root`.
// A proof that fails (wrong index, size, node, or number of nodes) gives
// DATA_LOSS; a hash that is not kHashSize bytes gives INVALID_ARGUMENT.
// Messages name the failed check, never a hash.
absl::Status VerifyInclusion(std::string_view leaf_hash, uint64_t index,
                             uint64_t tree_size,
                             std::span<const std::string> proof,
                             std::string_view root);

// RFC 9162 §2.1.4.2: OK iff `proof` shows that the tree of `old_size`
// leaves with root `old_root` is a prefix of the tree of `new_size` leaves
// with root `new_root`. Beyond the RFC, which requires
// 0 < old_size < new_size: equal sizes verify with an empty proof and equal
// roots, and old_size 0 with an empty proof and old_root == EmptyRootHash().
// Failures are reported as by VerifyInclusion.
absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size,
                               std::string_view old_root,
                               std::string_view new_root,
                               std::span<const std::string> proof);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_MERKLE_H_
