// Facility units in SQLite (`facility_units`): one row per (facility, unit)
// holding the figures its partner last reported, the whole UnitCapacity as
// a blob, plus the columns needed to find it. Knows nothing of who may see
// or report what.
// Thread-safety: functions take the calling thread's connection.
#ifndef ROSA_HUB_PLACEMENT_UNIT_STORE_H_
#define ROSA_HUB_PLACEMENT_UNIT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/placement.pb.h"

namespace rosa {

// Inserts or replaces the row of (unit.facility_id, unit.unit).
// REQUIRES: facility_id, unit, reported_by and as_of are set.
absl::Status PutUnit(store::Connection& conn,
                     const rosa::hub::v1::UnitCapacity& unit,
                     absl::Time recorded);

// nullopt when the facility has no such unit.
absl::StatusOr<std::optional<rosa::hub::v1::UnitCapacity>> LoadUnit(
    store::Connection& conn, const std::string& facility_id,
    const std::string& unit);

// The units of one facility or, with an empty `facility_id`, of all, ordered
// by facility and unit.
absl::StatusOr<std::vector<rosa::hub::v1::UnitCapacity>> LoadUnits(
    store::Connection& conn, const std::string& facility_id);

// How many units the facility has.
absl::StatusOr<int64_t> CountUnits(store::Connection& conn,
                                   const std::string& facility_id);

}  // namespace rosa

#endif  // ROSA_HUB_PLACEMENT_UNIT_STORE_H_
