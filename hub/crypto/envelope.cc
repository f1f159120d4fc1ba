// Envelope encryption: associated-data construction and the wrap/unwrap
// and field operations on top of crypto::Seal / crypto::Open.
#include "hub/crypto/envelope.h"

#include <openssl/crypto.h>

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/aes_gcm.h"

namespace rosa::crypto {
namespace {

constexpr char kDekContext[] = "rosa-hub/dek/v1|";
constexpr char kFieldContext[] = "rosa-hub/field/v1|";

// OK if `value` can be one '|'-separated component of associated data.
// The message names the argument, never its value.
absl::Status CheckComponent(std::string_view value, const char* what) {
  if (value.empty() || value.find('|') != std::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must be non-empty and must not contain '|'"));
  }
  return absl::OkStatus();
}

std::string DekAssociatedData(std::string_view person_id,
                              uint32_t kek_version) {
  return absl::StrCat(kDekContext, std::string(person_id), "|", kek_version);
}

std::string FieldAssociatedData(std::string_view person_id,
                                std::string_view field_name,
                                uint32_t key_version) {
  return absl::StrCat(kFieldContext, std::string(person_id), "|",
                      std::string(field_name), "|", key_version);
}

}  // namespace

absl::StatusOr<DataKey> DataKey::Generate() {
  ASSIGN_OR_RETURN(SecretKey key, SecretKey::Random());
  return DataKey(std::move(key));
}

absl::StatusOr<DataKey> DataKey::FromBytes(std::string_view bytes) {
  ASSIGN_OR_RETURN(SecretKey key, SecretKey::FromBytes(bytes));
  return DataKey(std::move(key));
}

absl::StatusOr<WrappedKey> WrapDataKey(const KekStore& kek_store,
                                       std::string_view person_id,
                                       const DataKey& data_key) {
  RETURN_IF_ERROR(CheckComponent(person_id, "person id"));
  const std::shared_ptr<const Kek> kek = kek_store.Active();
  ASSIGN_OR_RETURN(std::string sealed,
                   Seal(kek->key.bytes(), data_key.bytes(),
                        DekAssociatedData(person_id, kek->version)));
  return WrappedKey{kek->version, std::move(sealed)};
}

absl::StatusOr<DataKey> UnwrapDataKey(const KekStore& kek_store,
                                      std::string_view person_id,
                                      const WrappedKey& wrapped) {
  RETURN_IF_ERROR(CheckComponent(person_id, "person id"));
  ASSIGN_OR_RETURN(const std::shared_ptr<const Kek> kek,
                   kek_store.Get(wrapped.kek_version));
  ASSIGN_OR_RETURN(std::string raw,
                   Open(kek->key.bytes(), wrapped.sealed,
                        DekAssociatedData(person_id, kek->version)));
  absl::StatusOr<DataKey> key = DataKey::FromBytes(raw);
  OPENSSL_cleanse(raw.data(), raw.size());
  if (!key.ok()) {
    return OpenFailedError();  // Authentic, but not a key.
  }
  return key;
}

absl::StatusOr<WrappedKey> RewrapDataKey(const KekStore& kek_store,
                                         std::string_view person_id,
                                         const WrappedKey& wrapped) {
  ASSIGN_OR_RETURN(const DataKey key,
                   UnwrapDataKey(kek_store, person_id, wrapped));
  return WrapDataKey(kek_store, person_id, key);
}

absl::StatusOr<std::string> EncryptField(const DataKey& data_key,
                                         std::string_view person_id,
                                         std::string_view field_name,
                                         uint32_t key_version,
                                         std::string_view plaintext) {
  RETURN_IF_ERROR(CheckComponent(person_id, "person id"));
  RETURN_IF_ERROR(CheckComponent(field_name, "field name"));
  return Seal(data_key.bytes(), plaintext,
              FieldAssociatedData(person_id, field_name, key_version));
}

absl::StatusOr<std::string> DecryptField(const DataKey& data_key,
                                         std::string_view person_id,
                                         std::string_view field_name,
                                         uint32_t key_version,
                                         std::string_view sealed) {
  RETURN_IF_ERROR(CheckComponent(person_id, "person id"));
  RETURN_IF_ERROR(CheckComponent(field_name, "field name"));
  return Open(data_key.bytes(), sealed,
              FieldAssociatedData(person_id, field_name, key_version));
}

}  // namespace rosa::crypto
