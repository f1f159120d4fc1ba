// Idempotency records: for each (partner, key), the method, a keyed hash of
// the request body and the response first given. A retry with the same key
// and body gets that response back and writes nothing; the same key with
// another body is ALREADY_EXISTS. Keys are scoped per partner, so one
// partner's keys reveal nothing about another's.
//
// The request hash is HMAC-SHA256 under the hub's request key
// (<data-dir>/keys/request-hmac, see hub/crypto/hmac_key_file.h), never a
// plain digest: a plain SHA-256 of a RegisterPerson request would let anyone
// with a copy of the database test offline whether a given name and birth
// date were registered. A stored hash is 40 bytes: an 8-byte id of the key,
// then the 32-byte HMAC. A record whose hash was made under another key (a
// lost and re-created key file) or before hashes were keyed cannot be
// compared; such a key is honoured as used (its first answer is returned),
// so a retry is never applied twice. ForgetForeignRequestHashes blanks those
// hashes at start-up, so no unkeyed digest stays in the database.
//
// Thread-safety: functions take the connection of the calling thread; a
// RequestHasher is immutable and may be shared by any number of threads.
#ifndef ROSA_HUB_STORE_IDEMPOTENCY_H_
#define ROSA_HUB_STORE_IDEMPOTENCY_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "hub/crypto/secret_key.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

struct IdempotencyKey {
  std::string partner;
  std::string key;
  // The RPC, so that one key cannot be reused across methods.
  std::string method;
  // RequestHasher::Hash of the request.
  std::string request_hash;
};

class RequestHasher {
 public:
  static constexpr size_t kKeyIdSize = 8;
  static constexpr size_t kHashSize = kKeyIdSize + 32;

  explicit RequestHasher(crypto::SecretKey key);
  // A hasher under a fresh random key that lives as long as the process: for
  // tests and tools that never compare hashes across processes.
  static std::shared_ptr<const RequestHasher> Ephemeral();

  RequestHasher(const RequestHasher&) = delete;
  RequestHasher& operator=(const RequestHasher&) = delete;

  // key id || HMAC-SHA256(key, full message name || "\n" || deterministic
  // serialization of `request` with its `idempotency_key` field, if any,
  // cleared).
  std::string Hash(const google::protobuf::Message& request) const;

  // Derived from the key (HMAC of a fixed label); reveals nothing of it.
  const std::string& key_id() const { return key_id_; }

 private:
  crypto::SecretKey key_;
  std::string key_id_;
};

// The stored response for `key`, nullopt if the key is unused, or
// ALREADY_EXISTS if it was used for another request.
absl::StatusOr<std::optional<std::string>> FindIdempotentResponse(
    Connection& conn, const IdempotencyKey& key);

// Records the response. Call in the same transaction as the change.
absl::Status RecordIdempotentResponse(Connection& conn,
                                      const IdempotencyKey& key,
                                      const std::string& response,
                                      absl::Time now);

// Forgets records older than `before`.
absl::Status PruneIdempotency(Connection& conn, absl::Time before);

// Blanks every stored request hash not made under `hasher`'s key (an
// unkeyed digest from before, or a hash under a lost key); returns how many.
// Their keys stay honoured as used until they are pruned.
absl::StatusOr<int> ForgetForeignRequestHashes(Connection& conn,
                                               const RequestHasher& hasher);

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_IDEMPOTENCY_H_
