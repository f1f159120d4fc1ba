// Process hardening for the serving hub: no core dumps and no ptrace or
// /proc/<pid>/mem reads by other processes of the same user. A core or a
// memory read would hold the key-encryption keys, the audit signing key,
// the server's TLS key and decrypted identities.
//
// Thread-safety: call once, from main, before any secret is loaded.
#ifndef ROSA_HUB_COMMON_PROCESS_HARDENING_H_
#define ROSA_HUB_COMMON_PROCESS_HARDENING_H_

#include "absl/status/status.h"

namespace rosa {

// Sets RLIMIT_CORE to 0 (soft and hard, so it cannot be raised again) and
// PR_SET_DUMPABLE to 0. INTERNAL naming the call that failed.
absl::Status HardenProcess();

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_PROCESS_HARDENING_H_
