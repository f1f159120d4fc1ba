// The text vault over the sealed_texts and object_keys tables.
#include "hub/person/text_vault.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/envelope.h"
#include "hub/person/key_rewrap.h"
#include "hub/person/person_vault.h"

namespace rosa {
namespace {

absl::Status CheckName(const std::string& value, const char* what) {
  if (value.empty() || value.find_first_of("|/") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must be non-empty, without '|' or '/'"));
  }
  return absl::OkStatus();
}

absl::Status Undecryptable(const std::string& object_id,
                           const std::string& field) {
  return absl::DataLossError(
      absl::StrCat("object ", object_id, ": ", field, " cannot be decrypted"));
}

// The object's own data key, nullopt if it has none.
absl::StatusOr<std::optional<crypto::DataKey>> LoadObjectKey(
    store::Connection& conn, const crypto::KekStore& keks,
    const std::string& object_id) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT kek_version, wrapped_key FROM "
                                "object_keys WHERE object_id = ?1"));
  stmt->Bind(1, object_id);
  ASSIGN_OR_RETURN(bool found, stmt->Step());
  if (!found) return std::nullopt;
  const crypto::WrappedKey wrapped{static_cast<uint32_t>(stmt->ColumnInt(0)),
                                   stmt->ColumnBlob(1)};
  absl::StatusOr<crypto::DataKey> key =
      crypto::UnwrapDataKey(keks, ObjectKeyOwner(object_id), wrapped);
  if (!key.ok()) return Undecryptable(object_id, "the data key");
  return std::optional<crypto::DataKey>(*std::move(key));
}

}  // namespace

absl::Status TextVault::Seal(store::Connection& conn,
                             const std::string& object_id,
                             const std::string& person_id,
                             const std::string& field,
                             const std::string& text) const {
  RETURN_IF_ERROR(CheckName(object_id, "object id"));
  RETURN_IF_ERROR(CheckName(field, "field name"));
  if (text.empty()) {
    ASSIGN_OR_RETURN(auto remove,
                     conn.Prepare("DELETE FROM sealed_texts"
                                  " WHERE object_id = ?1 AND field = ?2"));
    remove->Bind(1, object_id).Bind(2, field);
    return remove->Run();
  }
  std::optional<crypto::DataKey> person_key;
  if (!person_id.empty()) {
    ASSIGN_OR_RETURN(person_key, persons_->DataKeyOf(conn, person_id));
  }
  std::string sealed;
  if (person_key.has_value()) {
    ASSIGN_OR_RETURN(sealed,
                     crypto::EncryptField(*person_key, person_id,
                                          absl::StrCat(object_id, "/", field),
                                          crypto::kDataKeyVersion, text));
  } else {
    ASSIGN_OR_RETURN(std::optional<crypto::DataKey> object_key,
                     LoadObjectKey(conn, *keks_, object_id));
    if (!object_key.has_value()) {
      ASSIGN_OR_RETURN(crypto::DataKey fresh, crypto::DataKey::Generate());
      ASSIGN_OR_RETURN(
          crypto::WrappedKey wrapped,
          crypto::WrapDataKey(*keks_, ObjectKeyOwner(object_id), fresh));
      ASSIGN_OR_RETURN(auto insert,
                       conn.Prepare("INSERT INTO object_keys(object_id,"
                                    " kek_version, wrapped_key)"
                                    " VALUES (?1, ?2, ?3)"));
      insert->Bind(1, object_id)
          .Bind(2, static_cast<int64_t>(wrapped.kek_version))
          .BindBlob(3, wrapped.sealed);
      RETURN_IF_ERROR(insert->Run());
      object_key = std::move(fresh);
    }
    ASSIGN_OR_RETURN(
        sealed, crypto::EncryptField(*object_key, ObjectKeyOwner(object_id),
                                     field, crypto::kDataKeyVersion, text));
  }
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT OR REPLACE INTO sealed_texts(object_id, field,"
                   " person_id, ciphertext) VALUES (?1, ?2, ?3, ?4)"));
  stmt->Bind(1, object_id).Bind(2, field).BindBlob(4, sealed);
  if (person_key.has_value()) {
    stmt->Bind(3, person_id);
  } else {
    stmt->BindNull(3);
  }
  return stmt->Run();
}

absl::StatusOr<std::string> TextVault::Open(store::Connection& conn,
                                            const std::string& object_id,
                                            const std::string& field) const {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT person_id, ciphertext FROM sealed_texts"
                                " WHERE object_id = ?1 AND field = ?2"));
  stmt->Bind(1, object_id).Bind(2, field);
  ASSIGN_OR_RETURN(bool found, stmt->Step());
  if (!found) return std::string();
  const std::string person_id = stmt->ColumnText(0);
  const std::string sealed = stmt->ColumnBlob(1);
  absl::StatusOr<std::string> text;
  if (!person_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<crypto::DataKey> key,
                     persons_->DataKeyOf(conn, person_id));
    if (!key.has_value()) return std::string();  // Erased.
    text = crypto::DecryptField(*key, person_id,
                                absl::StrCat(object_id, "/", field),
                                crypto::kDataKeyVersion, sealed);
  } else {
    ASSIGN_OR_RETURN(std::optional<crypto::DataKey> key,
                     LoadObjectKey(conn, *keks_, object_id));
    if (!key.has_value()) return std::string();
    text = crypto::DecryptField(*key, ObjectKeyOwner(object_id), field,
                                crypto::kDataKeyVersion, sealed);
  }
  if (!text.ok()) return Undecryptable(object_id, field);
  return text;
}

absl::Status TextVault::ForgetPerson(store::Connection& conn,
                                     const std::string& person_id) const {
  ASSIGN_OR_RETURN(
      auto stmt, conn.Prepare("DELETE FROM sealed_texts WHERE person_id = ?1"));
  stmt->Bind(1, person_id);
  return stmt->Run();
}

absl::StatusOr<int> TextVault::RewrapAll(store::Connection& conn) const {
  return RewrapTableKeys(conn, *keks_, ObjectKeys());
}

}  // namespace rosa
