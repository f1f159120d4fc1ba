// VerifyLog: signature first, then size, then the recomputed root.
//
// Thread-safety: pure function.
#include "hub/audit/log_verifier.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/merkle.h"

namespace rosa::audit {

absl::Status VerifyLog(std::span<const std::string> entries,
                       const Checkpoint& checkpoint, std::string_view signature,
                       EVP_PKEY* public_key) {
  if (absl::Status s = VerifyCheckpoint(public_key, checkpoint, signature);
      !s.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot trust the checkpoint: ", s.message()));
  }
  if (entries.size() < checkpoint.size) {
    return absl::DataLossError(absl::StrCat(
        "audit log truncated: it has ", entries.size(),
        " entries but the signed checkpoint covers ", checkpoint.size));
  }
  std::vector<std::string> leaf_hashes;
  leaf_hashes.reserve(checkpoint.size);
  for (uint64_t i = 0; i < checkpoint.size; ++i) {
    leaf_hashes.push_back(LeafHash(entries[i]));
  }
  if (RootHash(leaf_hashes) != checkpoint.root_hash) {
    return absl::DataLossError(absl::StrCat(
        "audit log rewritten: the root of its first ", checkpoint.size,
        " entries (of ", entries.size(),
        ") differs from the signed checkpoint's root, so an entry was "
        "changed, reordered, dropped or inserted"));
  }
  return absl::OkStatus();
}

}  // namespace rosa::audit
