// Envelope encryption of person records. Every person has a random 256-bit
// data key (DataKey); the person's fields are sealed with AES-256-GCM under
// it, and the data key itself is stored only wrapped (sealed) under the
// active key-encryption key of a KekStore. Rotating the KEK therefore only
// rewraps 32-byte data keys, never re-encrypts fields.
//
// Associated data binds every ciphertext to where it belongs:
//   wrapped data key: "rosa-hub/dek/v1|" + person_id + "|" + kek_version
//   field:            "rosa-hub/field/v1|" + person_id + "|" + field_name +
//                     "|" + key_version
// (versions in decimal), so a ciphertext copied to another person, another
// field or another version fails to open. person_id and field_name must be
// non-empty and free of '|', so that the binding is unambiguous.
//
// `key_version` of a field is the version of the person's data key (start
// at 1 and bump it when a person's fields are re-encrypted under a new data
// key); it is unrelated to the KEK version, which may change under
// RewrapDataKey without touching any field.
//
// Decryption and unwrapping failures are the generic error of crypto::Open
// (INVALID_ARGUMENT), or the KekStore's error for a missing or retired KEK
// version. No status ever holds plaintext, keys or associated data.
//
// Thread-safety: all functions are thread-safe given a thread-safe
// KekStore; a const DataKey may be used from many threads at once.
#ifndef ROSA_HUB_CRYPTO_ENVELOPE_H_
#define ROSA_HUB_CRYPTO_ENVELOPE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "hub/crypto/key_file.h"
#include "hub/crypto/secret_key.h"

namespace rosa::crypto {

// One person's data encryption key. Wiped when destroyed; move-only.
class DataKey {
 public:
  // A fresh random key.
  static absl::StatusOr<DataKey> Generate();
  // A key from its 32 raw bytes (INVALID_ARGUMENT for any other size).
  static absl::StatusOr<DataKey> FromBytes(std::string_view bytes);

  DataKey(DataKey&&) noexcept = default;
  DataKey& operator=(DataKey&&) noexcept = default;

  std::string_view bytes() const { return key_.bytes(); }
  bool Equals(const DataKey& other) const { return key_.Equals(other.key_); }

 private:
  explicit DataKey(SecretKey key) : key_(std::move(key)) {}
  SecretKey key_;
};

// The version of every data key the hub makes, for persons' fields and for
// sealed texts alike. Fields are never re-encrypted under a new data key
// (KEK rotation only re-wraps), so it stays 1; the stored key version and
// the associated data leave room for another.
inline constexpr uint32_t kDataKeyVersion = 1;

// A data key sealed under KEK `kek_version`: store both.
struct WrappedKey {
  uint32_t kek_version = 0;
  std::string sealed;  // nonce || ciphertext || tag
};

// Wraps `data_key` for `person_id` under the store's active KEK.
// REQUIRES: person_id non-empty, without '|' (else INVALID_ARGUMENT).
absl::StatusOr<WrappedKey> WrapDataKey(const KekStore& kek_store,
                                       std::string_view person_id,
                                       const DataKey& data_key);

// The data key that WrapDataKey wrapped for `person_id`.
absl::StatusOr<DataKey> UnwrapDataKey(const KekStore& kek_store,
                                      std::string_view person_id,
                                      const WrappedKey& wrapped);

// `wrapped` unwrapped under its own KEK version and wrapped again under the
// active one (for KEK rotation; the data key itself does not change). Store
// the result before retiring the old version.
absl::StatusOr<WrappedKey> RewrapDataKey(const KekStore& kek_store,
                                         std::string_view person_id,
                                         const WrappedKey& wrapped);

// Seals one field value of `person_id`.
// REQUIRES: person_id and field_name non-empty, without '|'.
absl::StatusOr<std::string> EncryptField(const DataKey& data_key,
                                         std::string_view person_id,
                                         std::string_view field_name,
                                         uint32_t key_version,
                                         std::string_view plaintext);

// The value EncryptField sealed with the same person, field and version.
absl::StatusOr<std::string> DecryptField(const DataKey& data_key,
                                         std::string_view person_id,
                                         std::string_view field_name,
                                         uint32_t key_version,
                                         std::string_view sealed);

}  // namespace rosa::crypto

#endif  // ROSA_HUB_CRYPTO_ENVELOPE_H_
