#include "hub/store/id_counter.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/hub_ids.h"

namespace rosa::store {

absl::StatusOr<std::string> AllocateYearlyId(Connection& conn,
                                             std::string_view counter,
                                             char prefix, int year) {
  // One statement both creates the year's row and moves it on, so the
  // first id of a year needs no separate insert.
  auto stmt = conn.Prepare(
      "INSERT INTO id_counters(name, value) VALUES (?1, 1)"
      " ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, absl::StrCat(std::string(counter), "-", year));
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return absl::InternalError(
        absl::StrCat(std::string(counter), " id counter returned no row"));
  }
  const int64_t number = (*stmt)->ColumnInt(0);
  if (number > ids::kMaxYearlyNumber) {
    // The transaction rolls back, so the counter stays at its maximum.
    return absl::ResourceExhaustedError(absl::StrCat(
        std::string(counter), " ids for ", year, " are used up"));
  }
  return ids::FormatHubId(prefix, year, number);
}

}  // namespace rosa::store
