#include "hub/handoff/handoff_store.h"

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "hub/outbox/free_text.h"
#include "hub/store/id_counter.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::StatusOr<std::string> AllocateHandoffId(store::Connection& conn,
                                              int year) {
  return store::AllocateYearlyId(conn, "handoff", ids::kHandoffPrefix, year);
}

namespace {

// Seals the free text in `texts` (an empty field removes what was sealed
// for it) and writes the rest.
absl::Status WriteRow(store::Connection& conn, const TextVault& texts,
                      const char* sql, const v1::Handoff& h) {
  if (h.has_identity()) {
    return absl::InternalError("a handoff is never stored with identity");
  }
  v1::Handoff body = h;
  for (const FreeText& t : TakeFreeText(body)) {
    if (absl::Status s =
            texts.Seal(conn, h.id(), h.person_id(), t.field, t.text);
        !s.ok()) {
      return s;
    }
  }
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, h.id())
      .Bind(2, h.lawyer())
      .Bind(3, h.sender())
      .Bind(4, h.person_id())
      .Bind(5, static_cast<int64_t>(h.state()))
      .Bind(6, ToUnixMicrosStored(FromProtoTime(h.created_at())))
      .Bind(7, ToUnixMicrosStored(FromProtoTime(h.updated_at())))
      .BindBlob(8, body.SerializeAsString());
  if (absl::Status s = (*stmt)->Run(); !s.ok()) return s;
  if (conn.changes() != 1) {
    return absl::InternalError("handoff row was not written");
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Handoff> ParseHandoff(const std::string& blob) {
  v1::Handoff handoff;
  if (!handoff.ParseFromString(blob)) {
    return absl::DataLossError("a stored handoff does not parse");
  }
  return handoff;
}

}  // namespace

absl::Status InsertHandoff(store::Connection& conn, const TextVault& texts,
                           const v1::Handoff& h) {
  return WriteRow(conn, texts,
                  "INSERT INTO handoffs(id, lawyer, sender, person_id, state,"
                  " created_us, updated_us, body)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  h);
}

absl::Status UpdateHandoff(store::Connection& conn, const TextVault& texts,
                           const v1::Handoff& h) {
  // Binding the fixed columns into the WHERE clause makes an accidental
  // change fail loudly.
  return WriteRow(conn, texts,
                  "UPDATE handoffs SET state = ?5, updated_us = ?7, body = ?8"
                  " WHERE id = ?1 AND lawyer = ?2 AND sender = ?3"
                  " AND person_id = ?4 AND created_us = ?6",
                  h);
}

absl::StatusOr<std::optional<v1::Handoff>> LoadHandoffRow(
    store::Connection& conn, const std::string& id) {
  auto stmt = conn.Prepare("SELECT body FROM handoffs WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  auto handoff = ParseHandoff((*stmt)->ColumnBlob(0));
  if (!handoff.ok()) return handoff.status();
  return std::optional<v1::Handoff>(*std::move(handoff));
}

absl::StatusOr<std::optional<v1::Handoff>> LoadHandoff(store::Connection& conn,
                                                       const SealedTexts& texts,
                                                       const std::string& id) {
  auto handoff = LoadHandoffRow(conn, id);
  if (!handoff.ok() || !handoff->has_value()) return handoff;
  if (absl::Status s = PutBackFreeText(conn, texts, **handoff); !s.ok()) {
    return s;
  }
  return handoff;
}

absl::StatusOr<std::vector<HandoffRow>> QueryHandoffs(store::Connection& conn,
                                                      const SealedTexts& texts,
                                                      const HandoffQuery& q) {
  auto stmt = conn.Prepare(
      "SELECT seq, body FROM handoffs"
      " WHERE seq > ?1 AND (?2 OR lawyer = ?3)"
      " ORDER BY seq LIMIT ?4");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, q.after_seq)
      .Bind(2, int64_t{q.everyone})
      .Bind(3, q.lawyer)
      .Bind(4, int64_t{q.limit});
  std::vector<HandoffRow> rows;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto handoff = ParseHandoff((*stmt)->ColumnBlob(1));
    if (!handoff.ok()) return handoff.status();
    rows.push_back(HandoffRow{(*stmt)->ColumnInt(0), std::move(*handoff)});
  }
  for (HandoffRow& row : rows) {
    if (absl::Status s = PutBackFreeText(conn, texts, row.handoff); !s.ok()) {
      return s;
    }
  }
  return rows;
}

}  // namespace rosa
