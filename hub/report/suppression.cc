#include "hub/report/suppression.h"

#include <optional>
#include <tuple>
#include <vector>

namespace rosa::report {
namespace {

std::vector<CellRef> Members(const SumGroup& group) {
  std::vector<CellRef> members = group.parts;
  members.push_back(group.total);
  return members;
}

// The member to hide next: the smallest visible one, parts before the
// total; nullopt when every member is hidden.
std::optional<CellRef> NextToHide(const Table& table, const SumGroup& group) {
  std::optional<CellRef> best;
  std::tuple<int64_t, bool> best_key{};
  for (const CellRef& ref : Members(group)) {
    const Cell& cell = table.at(ref);
    if (cell.suppressed) continue;
    const bool is_total =
        ref.row == group.total.row && ref.col == group.total.col;
    const std::tuple<int64_t, bool> key{cell.count, is_total};
    if (!best.has_value() || key < best_key) {
      best = ref;
      best_key = key;
    }
  }
  return best;
}

}  // namespace

bool GroupDisclosesCell(const Table& table, const SumGroup& group) {
  int hidden = 0;
  bool all_two = true;
  for (const CellRef& ref : Members(group)) {
    const Cell& cell = table.at(ref);
    if (!cell.suppressed) continue;
    ++hidden;
    if (cell.count != 2) all_two = false;
  }
  if (hidden == 1) return true;
  // With the total shown, the hidden parts' sum is known; cells below 3
  // summing to twice their number are all 2.
  return hidden > 1 && all_two && !table.at(group.total).suppressed;
}

void SuppressSmallCells(Table& table) {
  for (Row& row : table.rows) {
    if (row.kind != RowKind::kCount) continue;
    for (Cell& cell : row.cells) {
      if (!cell.decimal && cell.count >= 1 && cell.count <= 2) {
        cell.suppressed = true;
      }
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const SumGroup& group : table.groups) {
      if (!GroupDisclosesCell(table, group)) continue;
      std::optional<CellRef> next = NextToHide(table, group);
      if (!next.has_value()) continue;
      table.at(*next).suppressed = true;
      changed = true;
    }
  }
  const int columns = static_cast<int>(table.columns.size());
  for (int c = 0; c < columns; ++c) {
    bool any_hidden = false;
    for (const Row& row : table.rows) {
      if (row.kind == RowKind::kCount && row.cells[c].suppressed) {
        any_hidden = true;
      }
    }
    if (!any_hidden) continue;
    for (Row& row : table.rows) {
      if (row.kind == RowKind::kDerived) row.cells[c].suppressed = true;
    }
  }
}

}  // namespace rosa::report
