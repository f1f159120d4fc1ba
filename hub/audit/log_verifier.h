// Checks a copy of the audit log against a signed checkpoint: that the
// checkpoint is signed by the hub's key, that the log still holds at least
// the entries the checkpoint covers (no truncation), and that those entries
// still hash to the checkpoint's root (nothing rewritten, reordered, dropped
// or inserted). Entries appended after the checkpoint are allowed.
//
// The whole tree is recomputed from the raw entries: O(n) time and memory.
//
// Thread-safety: pure function, safe to call concurrently.
#ifndef ROSA_HUB_AUDIT_LOG_VERIFIER_H_
#define ROSA_HUB_AUDIT_LOG_VERIFIER_H_

#include <openssl/types.h>

#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "hub/audit/checkpoint.h"

namespace rosa::audit {

// OK iff `signature` is the hub's signature of `checkpoint` and the first
// checkpoint.size of `entries` (the raw log entries, in log order) have the
// checkpoint's root. Otherwise:
//   FAILED_PRECONDITION  the checkpoint is malformed, or its signature does
//                        not verify with `public_key`;
//   DATA_LOSS            the log is shorter than the checkpoint, or its
//                        entries no longer match the checkpoint's root.
// Messages name sizes, never entry contents or hashes. A root mismatch
// cannot say which entry changed: the checkpoint holds only the root.
// The caller checks that checkpoint.origin is the log it expects.
// REQUIRES: public_key != nullptr.
absl::Status VerifyLog(std::span<const std::string> entries,
                       const Checkpoint& checkpoint, std::string_view signature,
                       EVP_PKEY* public_key);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_LOG_VERIFIER_H_
