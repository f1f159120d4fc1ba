#include "hub/store/idempotency.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "hub/common/sha256.h"
#include "hub/common/time_util.h"

namespace rosa::store {

std::string RequestHash(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* field =
      copy->GetDescriptor()->FindFieldByName("idempotency_key");
  if (field != nullptr) copy->GetReflection()->ClearField(copy.get(), field);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  return Sha256(absl::StrCat(request.GetDescriptor()->full_name(), "\n", bytes));
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
  if ((*stmt)->ColumnText(0) != key.method ||
      (*stmt)->ColumnBlob(1) != key.request_hash) {
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

}  // namespace rosa::store
