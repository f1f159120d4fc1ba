#include "hub/placement/hold_book.h"

#include "common/time_util.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

absl::Status WriteRow(store::Connection& conn, const char* sql,
                      const HoldRecord& r) {
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  const v1::PlaceHold& h = r.hold;
  (*stmt)
      ->Bind(1, h.referral_id())
      .Bind(2, h.facility_id())
      .Bind(3, h.unit())
      .Bind(4, static_cast<int64_t>(h.state()))
      .Bind(5, ToUnixMicrosStored(FromProtoTime(h.created_at())))
      .Bind(6, ToUnixMicrosStored(FromProtoTime(h.expires_at())));
  if (r.claimed_at.has_value()) {
    (*stmt)->Bind(7, ToUnixMicrosStored(*r.claimed_at));
  } else {
    (*stmt)->BindNull(7);
  }
  (*stmt)->BindBlob(8, h.SerializeAsString());
  if (absl::Status s = (*stmt)->Run(); !s.ok()) return s;
  if (conn.changes() != 1) {
    return absl::InternalError("place hold row was not written");
  }
  return absl::OkStatus();
}

// Reads rows of (claimed_us, body).
absl::StatusOr<std::vector<HoldRecord>> ReadRows(store::Statement& stmt) {
  std::vector<HoldRecord> rows;
  for (;;) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    HoldRecord record;
    if (!stmt.ColumnIsNull(0)) {
      record.claimed_at = FromUnixMicrosStored(stmt.ColumnInt(0));
    }
    if (!record.hold.ParseFromString(stmt.ColumnBlob(1))) {
      return absl::DataLossError("a stored place hold does not parse");
    }
    rows.push_back(std::move(record));
  }
  return rows;
}

}  // namespace

v1::HoldState EffectiveHoldState(const HoldRecord& record, absl::Time now) {
  if (record.hold.state() == v1::HOLD_STATE_ACTIVE &&
      now >= FromProtoTime(record.hold.expires_at())) {
    return v1::HOLD_STATE_EXPIRED;
  }
  return record.hold.state();
}

bool HoldCounts(const HoldRecord& record, absl::Time unit_as_of,
                absl::Time now) {
  switch (EffectiveHoldState(record, now)) {
    case v1::HOLD_STATE_ACTIVE:
      return true;
    case v1::HOLD_STATE_CLAIMED:
      // Figures as of a time after the claim already count the person.
      return record.claimed_at.has_value() && unit_as_of <= *record.claimed_at;
    default:
      return false;
  }
}

absl::Status InsertHold(store::Connection& conn, const HoldRecord& record) {
  return WriteRow(conn,
                  "INSERT INTO place_holds(referral_id, facility_id, unit,"
                  " state, created_us, expires_us, claimed_us, body)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  record);
}

absl::Status UpdateHold(store::Connection& conn, const HoldRecord& record) {
  // The place a hold keeps never moves; binding it into the WHERE clause
  // makes an accidental change fail loudly.
  return WriteRow(conn,
                  "UPDATE place_holds SET state = ?4, expires_us = ?6,"
                  " claimed_us = ?7, body = ?8"
                  " WHERE referral_id = ?1 AND facility_id = ?2 AND unit = ?3"
                  " AND created_us = ?5",
                  record);
}

absl::StatusOr<std::optional<HoldRecord>> LoadHold(
    store::Connection& conn, const std::string& referral_id) {
  auto stmt = conn.Prepare(
      "SELECT claimed_us, body FROM place_holds WHERE referral_id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, referral_id);
  auto rows = ReadRows(**stmt);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::nullopt;
  return std::move(rows->front());
}

absl::StatusOr<std::vector<HoldRecord>> LoadLiveHolds(
    store::Connection& conn, const std::string& facility_id) {
  // Two statements, so that one facility's holds are found through the
  // index rather than a scan of every hold.
  auto stmt = facility_id.empty()
                  ? conn.Prepare(
                        "SELECT claimed_us, body FROM place_holds"
                        " WHERE ?1 = '' AND state IN (?2, ?3)"
                        " ORDER BY facility_id, unit, created_us, referral_id")
                  : conn.Prepare(
                        "SELECT claimed_us, body FROM place_holds"
                        " WHERE facility_id = ?1 AND state IN (?2, ?3)"
                        " ORDER BY facility_id, unit, created_us, referral_id");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, facility_id)
      .Bind(2, int64_t{v1::HOLD_STATE_ACTIVE})
      .Bind(3, int64_t{v1::HOLD_STATE_CLAIMED});
  return ReadRows(**stmt);
}

absl::StatusOr<std::vector<HoldRecord>> LoadDueHolds(store::Connection& conn,
                                                     absl::Time now) {
  auto stmt = conn.Prepare(
      "SELECT claimed_us, body FROM place_holds"
      " WHERE state = ?1 AND expires_us <= ?2"
      " ORDER BY facility_id, unit, referral_id");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, int64_t{v1::HOLD_STATE_ACTIVE})
      .Bind(2, ToUnixMicrosStored(now));
  return ReadRows(**stmt);
}

}  // namespace rosa
