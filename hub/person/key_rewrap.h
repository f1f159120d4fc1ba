// Re-wrapping the data keys of one table under the active KEK: the persons'
// keys (PersonVault) and the objects' own keys (TextVault) are stored alike,
// as (id, kek_version, wrapped_key) rows, and rotated by this one routine.
// Thread-safety: takes the calling thread's connection; run it inside a
// write transaction.
#ifndef ROSA_HUB_PERSON_KEY_REWRAP_H_
#define ROSA_HUB_PERSON_KEY_REWRAP_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "hub/crypto/key_file.h"
#include "hub/store/sqlite.h"

namespace rosa {

struct WrappedKeyTable {
  // Table and id column; compile-time constants, never input.
  const char* table;
  const char* id_column;
  // What a row is called in an error ("person", "object").
  const char* noun;
  // The owner each key was wrapped for (bound into the wrapping).
  std::function<std::string(const std::string& id)> owner;
};

// The two tables of wrapped data keys, the one list of them: the persons'
// keys (wrapped for the person id) and the objects' own keys of sealed
// texts that name no person (wrapped for "object/<id>"). Rotation re-wraps
// both; the key guard (key_guard.h) checks both at start and restore.
WrappedKeyTable PersonKeys();
WrappedKeyTable ObjectKeys();
// The owner an object's own key is wrapped for.
std::string ObjectKeyOwner(const std::string& object_id);

// Re-wraps every key of `table` not under the active KEK; returns how
// many. DATA_LOSS naming the row when a key cannot be unwrapped.
// REQUIRES: inside a write transaction.
absl::StatusOr<int> RewrapTableKeys(store::Connection& conn,
                                    const crypto::KekStore& keks,
                                    const WrappedKeyTable& table);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_KEY_REWRAP_H_
