#include "hub/placement/unit_store.h"

#include "common/time_util.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

absl::StatusOr<std::vector<v1::UnitCapacity>> ReadRows(
    store::Statement& stmt) {
  std::vector<v1::UnitCapacity> units;
  for (;;) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    v1::UnitCapacity unit;
    if (!unit.ParseFromString(stmt.ColumnBlob(0))) {
      return absl::DataLossError("a stored facility unit does not parse");
    }
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace

absl::Status PutUnit(store::Connection& conn, const v1::UnitCapacity& unit,
                     absl::Time recorded) {
  auto stmt = conn.Prepare(
      "INSERT OR REPLACE INTO facility_units(facility_id, unit, partner_id,"
      " as_of_us, recorded_us, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, unit.facility_id())
      .Bind(2, unit.unit())
      .Bind(3, unit.reported_by())
      .Bind(4, ToUnixMicrosStored(FromProtoTime(unit.as_of())))
      .Bind(5, ToUnixMicrosStored(recorded))
      .BindBlob(6, unit.SerializeAsString());
  return (*stmt)->Run();
}

absl::StatusOr<std::optional<v1::UnitCapacity>> LoadUnit(
    store::Connection& conn, const std::string& facility_id,
    const std::string& unit) {
  auto stmt = conn.Prepare(
      "SELECT body FROM facility_units WHERE facility_id = ?1 AND unit = ?2");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, facility_id).Bind(2, unit);
  auto rows = ReadRows(**stmt);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::nullopt;
  return std::move(rows->front());
}

absl::StatusOr<std::vector<v1::UnitCapacity>> LoadUnits(
    store::Connection& conn, const std::string& facility_id) {
  // Two statements, so that one facility's units are found through the
  // primary key rather than a scan of every facility's.
  auto stmt = facility_id.empty()
                  ? conn.Prepare(
                        "SELECT body FROM facility_units"
                        " ORDER BY facility_id, unit")
                  : conn.Prepare(
                        "SELECT body FROM facility_units WHERE facility_id = ?1"
                        " ORDER BY facility_id, unit");
  if (!stmt.ok()) return stmt.status();
  if (!facility_id.empty()) (*stmt)->Bind(1, facility_id);
  return ReadRows(**stmt);
}

absl::StatusOr<int64_t> CountUnits(store::Connection& conn,
                                   const std::string& facility_id) {
  auto stmt = conn.Prepare(
      "SELECT COUNT(*) FROM facility_units WHERE facility_id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, facility_id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return *row ? (*stmt)->ColumnInt(0) : 0;
}

}  // namespace rosa
