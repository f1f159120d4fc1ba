#include "hub/person/key_rewrap.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/envelope.h"

namespace rosa {

std::string ObjectKeyOwner(const std::string& object_id) {
  return absl::StrCat("object/", object_id);
}

WrappedKeyTable PersonKeys() {
  return WrappedKeyTable{.table = "persons",
                         .id_column = "id",
                         .noun = "person",
                         .owner = [](const std::string& id) { return id; }};
}

WrappedKeyTable ObjectKeys() {
  return WrappedKeyTable{.table = "object_keys",
                         .id_column = "object_id",
                         .noun = "object",
                         .owner = ObjectKeyOwner};
}

absl::StatusOr<int> RewrapTableKeys(store::Connection& conn,
                                    const crypto::KekStore& keks,
                                    const WrappedKeyTable& t) {
  const uint32_t active = keks.active_version();
  std::vector<std::pair<std::string, crypto::WrappedKey>> stale;
  {
    ASSIGN_OR_RETURN(auto stmt,
                     conn.Prepare(absl::StrCat(
                         "SELECT ", t.id_column, ", kek_version, wrapped_key",
                         " FROM ", t.table, " WHERE kek_version != ?1")));
    stmt->Bind(1, static_cast<int64_t>(active));
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      stale.emplace_back(
          stmt->ColumnText(0),
          crypto::WrappedKey{static_cast<uint32_t>(stmt->ColumnInt(1)),
                             stmt->ColumnBlob(2)});
    }
  }
  ASSIGN_OR_RETURN(auto update,
                   conn.Prepare(absl::StrCat(
                       "UPDATE ", t.table, " SET kek_version = ?2,",
                       " wrapped_key = ?3 WHERE ", t.id_column, " = ?1")));
  for (const auto& [id, wrapped] : stale) {
    absl::StatusOr<crypto::WrappedKey> fresh =
        crypto::RewrapDataKey(keks, t.owner(id), wrapped);
    if (!fresh.ok()) {
      return absl::DataLossError(absl::StrCat(
          t.noun, " ", id, ": the data key cannot be unwrapped under KEK ",
          "version ", wrapped.kek_version, " to re-wrap it"));
    }
    update->Reset();
    update->Bind(1, id)
        .Bind(2, static_cast<int64_t>(fresh->kek_version))
        .BindBlob(3, fresh->sealed);
    RETURN_IF_ERROR(update->Run());
  }
  return static_cast<int>(stale.size());
}

}  // namespace rosa
