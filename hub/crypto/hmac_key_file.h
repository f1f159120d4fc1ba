// The hub's request key: a random 256-bit key in its own file,
// <data-dir>/keys/request-hmac, that keys the hashes of idempotency records
// (hub/store/idempotency.h). It is apart from the key-encryption keys on
// purpose: rotating the KEK must not change request hashes, and this key
// never encrypts anything.
//
// The file holds the 32 raw key bytes and nothing else. It is created on
// first use with mode 0600 in a 0700 directory (atomically, never replacing
// a file another process made first); loading goes through the same owner
// and mode checks as the KEK file (ReadPrivateFile) and refuses a file of
// any other size. Buffers that held the key are wiped.
//
// Losing the file is not fatal: a new key is made, and idempotency records
// made under the old one are honoured by key alone until they expire.
//
// Thread-safety: functions are thread-safe; one process at a time should
// create the file (the hub does so under keys/kek.lock).
#ifndef ROSA_HUB_CRYPTO_HMAC_KEY_FILE_H_
#define ROSA_HUB_CRYPTO_HMAC_KEY_FILE_H_

#include <filesystem>

#include "absl/status/statusor.h"
#include "hub/crypto/secret_key.h"

namespace rosa::crypto {

// <data_dir>/keys/request-hmac.
std::filesystem::path RequestHmacKeyPath(const std::filesystem::path& data_dir);

// The key at `path`, created (with its directory) if missing. A file that
// exists but is unreadable, of the wrong size, or readable by group or
// others is an error, never replaced.
absl::StatusOr<SecretKey> LoadOrCreateHmacKey(
    const std::filesystem::path& path);

}  // namespace rosa::crypto

#endif  // ROSA_HUB_CRYPTO_HMAC_KEY_FILE_H_
