#include "hub/store/id_counter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/hub_ids.h"

namespace rosa::store {

namespace {

// The row a counter of `year` begun after a restore starts from.
std::string FloorRow(int year) { return absl::StrCat("*-", year); }

}  // namespace

absl::StatusOr<std::string> AllocateYearlyId(Connection& conn,
                                             std::string_view counter,
                                             char prefix, int year) {
  // One statement both creates the year's row and moves it on, so the
  // first id of a year needs no separate insert. A new row starts after
  // the year's floor (0 unless a restore set one).
  auto stmt = conn.Prepare(
      "INSERT INTO id_counters(name, value) VALUES (?1, 1 + coalesce("
      "(SELECT value FROM id_counters WHERE name = ?2), 0))"
      " ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, absl::StrCat(std::string(counter), "-", year))
      .Bind(2, FloorRow(year));
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return absl::InternalError(
        absl::StrCat(std::string(counter), " id counter returned no row"));
  }
  const int64_t number = (*stmt)->ColumnInt(0);
  if (number > ids::kMaxYearlyNumber) {
    // The transaction rolls back, so the counter stays at its maximum.
    return absl::ResourceExhaustedError(
        absl::StrCat(std::string(counter), " ids for ", year, " are used up"));
  }
  return ids::FormatHubId(prefix, year, number);
}

absl::Status AdvanceYearlyIdsForRestore(Connection& conn, int first_year,
                                        int last_year) {
  // Every counter and every floor row move by the gap; a year's floor row
  // that is not there yet starts at it.
  auto advance =
      conn.Prepare("UPDATE id_counters SET value = min(value + ?1, ?2)");
  if (!advance.ok()) return advance.status();
  (*advance)->Bind(1, kRestoreIdGap).Bind(2, ids::kMaxYearlyNumber);
  if (absl::Status s = (*advance)->Run(); !s.ok()) return s;
  auto floor = conn.Prepare(
      "INSERT INTO id_counters(name, value) VALUES (?1, ?2)"
      " ON CONFLICT(name) DO NOTHING");
  if (!floor.ok()) return floor.status();
  // Only years an id can have (common/hub_ids.h).
  for (int year = std::max(first_year, 2000); year <= std::min(last_year, 2999);
       ++year) {
    (*floor)->Reset();
    (*floor)->Bind(1, FloorRow(year)).Bind(2, kRestoreIdGap);
    if (absl::Status s = (*floor)->Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace rosa::store
