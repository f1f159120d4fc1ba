// Idempotency records: for each (partner, key), the method, a hash of the
// request body and the response first given. A retry with the same key and
// body gets that response back and writes nothing; the same key with
// another body is ALREADY_EXISTS. Keys are scoped per partner, so one
// partner's keys reveal nothing about another's.
// Thread-safety: functions take the connection of the calling thread.
#ifndef ROSA_HUB_STORE_IDEMPOTENCY_H_
#define ROSA_HUB_STORE_IDEMPOTENCY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

struct IdempotencyKey {
  std::string partner;
  std::string key;
  // The RPC, so that one key cannot be reused across methods.
  std::string method;
  // RequestHash of the request.
  std::string request_hash;
};

// SHA-256 of the deterministic serialization of `request` with its
// `idempotency_key` field (if any) cleared.
std::string RequestHash(const google::protobuf::Message& request);

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

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_IDEMPOTENCY_H_
