#include "hub/store/idempotency.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace rosa::store {
namespace {

constexpr char kKeyIdLabel[] = "rosa-hub/request-hmac/key-id/v1";

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string mac(32, '\0');
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           reinterpret_cast<unsigned char*>(mac.data()), &len) == nullptr ||
      len != mac.size()) {
    // As Sha256: without a working HMAC, idempotency checks mean nothing.
    std::abort();
  }
  return mac;
}

// True if `hash` is a keyed hash made under the key with `key_id`.
bool UnderKey(std::string_view hash, std::string_view key_id) {
  return hash.size() == RequestHasher::kHashSize &&
         hash.substr(0, RequestHasher::kKeyIdSize) == key_id;
}

}  // namespace

RequestHasher::RequestHasher(crypto::SecretKey key)
    : key_(std::move(key)),
      key_id_(HmacSha256(key_.bytes(), kKeyIdLabel).substr(0, kKeyIdSize)) {}

std::shared_ptr<const RequestHasher> RequestHasher::Ephemeral() {
  absl::StatusOr<crypto::SecretKey> key = crypto::SecretKey::Random();
  if (!key.ok()) std::abort();  // No randomness: nothing can be keyed.
  return std::make_shared<const RequestHasher>(*std::move(key));
}

std::string RequestHasher::Hash(
    const google::protobuf::Message& request) const {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* field = copy->GetDescriptor()->FindFieldByName("idempotency_key");
  if (field != nullptr) copy->GetReflection()->ClearField(copy.get(), field);
  std::string bytes = absl::StrCat(request.GetDescriptor()->full_name(), "\n");
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  std::string hash = absl::StrCat(key_id_, HmacSha256(key_.bytes(), bytes));
  // The serialization may hold personal data (a person's name).
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return hash;
}

absl::StatusOr<std::optional<std::string>> FindIdempotentResponse(
    Connection& conn, const IdempotencyKey& key) {
  auto stmt = conn.Prepare(
      "SELECT method, request_hash, response FROM idempotency"
      " WHERE partner = ?1 AND key = ?2");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, key.partner).Bind(2, key.key);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  const std::string stored = (*stmt)->ColumnBlob(1);
  // A hash under another key (or none) cannot be compared: the key alone
  // counts, so that a retry is never applied twice.
  const bool comparable =
      UnderKey(stored, key.request_hash.substr(0, RequestHasher::kKeyIdSize));
  if ((*stmt)->ColumnText(0) != key.method ||
      (comparable && stored != key.request_hash)) {
    return absl::AlreadyExistsError(
        "idempotency_key: already used for a different request");
  }
  return (*stmt)->ColumnBlob(2);
}

absl::Status RecordIdempotentResponse(Connection& conn,
                                      const IdempotencyKey& key,
                                      const std::string& response,
                                      absl::Time now) {
  auto stmt = conn.Prepare(
      "INSERT INTO idempotency(partner, key, method, request_hash, response,"
      " created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, key.partner)
      .Bind(2, key.key)
      .Bind(3, key.method)
      .BindBlob(4, key.request_hash)
      .BindBlob(5, response)
      .Bind(6, ToUnixMicrosStored(now));
  return (*stmt)->Run();
}

absl::Status PruneIdempotency(Connection& conn, absl::Time before) {
  auto stmt = conn.Prepare("DELETE FROM idempotency WHERE created_us < ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToUnixMicrosStored(before));
  return (*stmt)->Run();
}

absl::StatusOr<int> ForgetForeignRequestHashes(Connection& conn,
                                               const RequestHasher& hasher) {
  auto stmt = conn.Prepare(
      "UPDATE idempotency SET request_hash = X''"
      " WHERE length(request_hash) > 0 AND (length(request_hash) != ?1"
      "   OR substr(request_hash, 1, ?2) != ?3)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, static_cast<int64_t>(RequestHasher::kHashSize))
      .Bind(2, static_cast<int64_t>(RequestHasher::kKeyIdSize))
      .BindBlob(3, hasher.key_id());
  if (absl::Status s = (*stmt)->Run(); !s.ok()) return s;
  return conn.changes();
}

}  // namespace rosa::store
