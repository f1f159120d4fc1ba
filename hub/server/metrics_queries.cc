#include "hub/server/metrics_queries.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "hub/common/status_macros.h"
#include "rosa/hub/v1/placement.pb.h"

namespace rosa {

absl::StatusOr<std::map<std::string, OutboxFigures>> QueryOutboxFigures(
    store::Connection& conn, const std::vector<std::string>& partners,
    const std::map<std::string, uint64_t>& read_through) {
  store::ReadTransaction txn(conn);
  RETURN_IF_ERROR(txn.status());
  ASSIGN_OR_RETURN(auto stream,
                   conn.Prepare("SELECT last_cursor, pruned_until FROM "
                                "event_streams WHERE partner = ?"));
  ASSIGN_OR_RETURN(
      auto drop,
      conn.Prepare("SELECT cursor FROM drop_cursors WHERE partner_id = ?"));
  ASSIGN_OR_RETURN(
      auto oldest,
      conn.Prepare("SELECT cursor, recorded_us FROM events WHERE partner = ?"
                   " AND cursor > ? ORDER BY cursor LIMIT 1"));
  std::map<std::string, OutboxFigures> out;
  for (const std::string& partner : partners) {
    OutboxFigures& figures = out[partner];
    stream->Reset();
    stream->Bind(1, partner);
    ASSIGN_OR_RETURN(const bool has_stream, stream->Step());
    if (!has_stream) continue;  // No event yet.
    const uint64_t last = static_cast<uint64_t>(stream->ColumnInt(0));
    uint64_t read = static_cast<uint64_t>(stream->ColumnInt(1));
    auto it = read_through.find(partner);
    if (it != read_through.end()) read = std::max(read, it->second);
    drop->Reset();
    drop->Bind(1, partner);
    ASSIGN_OR_RETURN(const bool has_drop, drop->Step());
    if (has_drop)
      read = std::max(read, static_cast<uint64_t>(drop->ColumnInt(0)));
    if (read >= last) continue;
    oldest->Reset();
    oldest->Bind(1, partner);
    oldest->Bind(2, static_cast<int64_t>(read));
    ASSIGN_OR_RETURN(const bool has_oldest, oldest->Step());
    if (!has_oldest) continue;  // Nothing unread.
    // Counted from the first unread event, not from `read`: after a
    // restore the cursors jump (hub/outbox/outbox.h), and a partner may
    // have read through a cursor inside the jump.
    const uint64_t first = static_cast<uint64_t>(oldest->ColumnInt(0));
    figures.backlog = last - first + 1;
    figures.oldest_unread = absl::FromUnixMicros(oldest->ColumnInt(1));
  }
  return out;
}

absl::StatusOr<std::vector<FacilityFigures>> QueryFacilityFigures(
    store::Connection& conn) {
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT facility_id, MIN(partner_id), "
                                "MAX(as_of_us) FROM facility_units "
                                "GROUP BY facility_id ORDER BY facility_id"));
  std::vector<FacilityFigures> out;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    out.push_back(FacilityFigures{
        .partner = stmt->ColumnText(1),
        .facility = stmt->ColumnText(0),
        .newest_as_of = absl::FromUnixMicros(stmt->ColumnInt(2))});
  }
  return out;
}

absl::StatusOr<std::map<std::string, int64_t>> QueryHoldCounts(
    store::Connection& conn, absl::Time now) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare(
          "SELECT state, expires_us <= ? AS due, COUNT(*) FROM place_holds "
          "GROUP BY state, due"));
  stmt->Bind(1, absl::ToUnixMicros(now));
  std::map<std::string, int64_t> out = {
      {"active", 0}, {"claimed", 0}, {"released", 0}, {"expired", 0}};
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    auto state = static_cast<hub::v1::HoldState>(stmt->ColumnInt(0));
    if (state == hub::v1::HOLD_STATE_ACTIVE && stmt->ColumnInt(1) != 0) {
      state = hub::v1::HOLD_STATE_EXPIRED;
    }
    std::string name = hub::v1::HoldState_Name(state);
    if (absl::StartsWith(name, "HOLD_STATE_")) name = name.substr(11);
    out[absl::AsciiStrToLower(name)] += stmt->ColumnInt(2);
  }
  return out;
}

}  // namespace rosa
