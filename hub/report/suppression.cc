#include "hub/report/suppression.h"

#include <algorithm>
#include <optional>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

namespace rosa::report {
namespace {

// What a reader takes a hidden cell ("<3") to be at most.
constexpr int64_t kLargestHidden = 2;

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

void HidePrimary(Table& table) {
  for (Row& row : table.rows) {
    if (row.kind != RowKind::kCount) continue;
    for (Cell& cell : row.cells) {
      if (!cell.decimal && cell.count >= 1 && cell.count <= 2) {
        cell.suppressed = true;
      }
    }
  }
}

// One pass over the table's groups; true if it hid anything.
bool HideSecondary(Table& table) {
  bool changed = false;
  for (const SumGroup& group : table.groups) {
    if (!GroupDisclosesCell(table, group)) continue;
    std::optional<CellRef> next = NextToHide(table, group);
    if (!next.has_value()) continue;
    table.at(*next).suppressed = true;
    changed = true;
  }
  return changed;
}

void HideDerived(Table& table) {
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

// The cell `ref` names, or nullptr.
Cell* Find(std::span<Table> tables, const FigureRef& ref) {
  for (Table& t : tables) {
    if (t.id != ref.table) continue;
    const auto col = std::find(t.columns.begin(), t.columns.end(), ref.column);
    if (col == t.columns.end()) return nullptr;
    for (Row& row : t.rows) {
      if (row.key == ref.row) return &row.cells[col - t.columns.begin()];
    }
    return nullptr;
  }
  return nullptr;
}

void Suppress(std::span<Table> tables, const std::vector<SameFigure>& same) {
  std::vector<std::vector<Cell*>> linked;
  for (const SameFigure& figures : same) {
    std::vector<Cell*>& cells = linked.emplace_back();
    for (const FigureRef& ref : figures) {
      if (Cell* cell = Find(tables, ref)) cells.push_back(cell);
    }
  }
  for (Table& t : tables) HidePrimary(t);
  for (bool changed = true; changed;) {
    changed = false;
    for (Table& t : tables) changed |= HideSecondary(t);
    for (const std::vector<Cell*>& cells : linked) {
      const bool any = std::any_of(cells.begin(), cells.end(),
                                   [](const Cell* c) { return c->suppressed; });
      for (Cell* c : cells) {
        if (any && !c->suppressed) {
          c->suppressed = true;
          changed = true;
        }
      }
    }
  }
  for (Table& t : tables) HideDerived(t);
}

}  // namespace

bool GroupDisclosesCell(const Table& table, const SumGroup& group) {
  int hidden = 0;
  for (const CellRef& ref : Members(group)) hidden += table.at(ref).suppressed;
  if (hidden == 0) return false;
  if (hidden == 1) return true;
  const Cell& total = table.at(group.total);
  if (total.suppressed) return false;  // Nothing tells the hidden parts' sum.
  // The hidden parts add up to `sum`. A reader bounds each by its row's
  // least and by 2 ("<3"), unless the sum is too large for that, when a
  // hidden part may be anything up to the sum.
  int64_t sum = total.count;
  std::vector<int64_t> least;
  for (const CellRef& ref : group.parts) {
    if (table.at(ref).suppressed) {
      least.push_back(table.rows[ref.row].least);
    } else {
      sum -= table.at(ref).count;
    }
  }
  const int64_t n = static_cast<int64_t>(least.size());
  const int64_t most = sum <= kLargestHidden * n ? kLargestHidden : sum;
  int64_t least_sum = 0;
  for (int64_t l : least) least_sum += l;
  for (int64_t l : least) {
    const int64_t lo = std::max(l, sum - most * (n - 1));
    const int64_t hi = std::min(most, sum - (least_sum - l));
    if (lo >= hi) return true;  // One value left (or none: also telling).
  }
  return false;
}

void SuppressReportCells(std::vector<Table>& tables,
                         const std::vector<SameFigure>& same) {
  Suppress(tables, same);
}

void SuppressSmallCells(Table& table) { Suppress({&table, 1}, {}); }

}  // namespace rosa::report
