// One table of the annual report while it is computed: true figures,
// which cells the published edition hides, and which cells add up to
// which (the sum groups secondary suppression protects). Converted to the
// wire form (rosa.hub.v1.ReportTable) at the end.
// Thread-safety: plain values; no sharing.
#ifndef ROSA_HUB_REPORT_REPORT_TABLE_H_
#define ROSA_HUB_REPORT_REPORT_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rosa/hub/v1/report.pb.h"

namespace rosa::report {

struct Cell {
  // A count of persons, inquiries, reports; or a decimal figure.
  bool decimal = false;
  int64_t count = 0;
  double value = 0;
  // Hidden in the published edition ("<3").
  bool suppressed = false;
};

enum class RowKind {
  // Counts of people or events: suppressed when 1 or 2.
  kCount,
  // A figure that is not a count of people and tells nothing of one
  // (distinct countries): never suppressed.
  kStatistic,
  // Computed from the persons its column counts (a share, a mean, the
  // youngest and oldest age): hidden when any count in its column is.
  kDerived,
};

struct Row {
  std::string key;
  std::string label_en;
  std::string label_no;
  RowKind kind = RowKind::kCount;
  std::vector<Cell> cells;
  // The least a reader knows each count of this row to be: 1 for a row
  // that exists only for what was seen (a country), else 0. Secondary
  // suppression reasons with it (suppression.h).
  int64_t least = 0;
};

struct CellRef {
  int row = 0;
  int col = 0;
};

// parts add up to total.
struct SumGroup {
  std::vector<CellRef> parts;
  CellRef total;
};

struct Table {
  std::string id = {};
  std::string title_en = {};
  std::string title_no = {};
  std::vector<std::string> columns = {};
  std::vector<Row> rows = {};
  std::vector<SumGroup> groups = {};

  Cell& at(CellRef ref) { return rows[ref.row].cells[ref.col]; }
  const Cell& at(CellRef ref) const { return rows[ref.row].cells[ref.col]; }

  // Appends a row of counts (one per column); returns its index.
  int AddCounts(std::string key, std::string en, std::string no,
                const std::vector<int64_t>& counts,
                RowKind kind = RowKind::kCount);
  // Appends a row of decimals (kDerived unless told); returns its index.
  int AddDecimals(std::string key, std::string en, std::string no,
                  const std::vector<double>& values,
                  RowKind kind = RowKind::kDerived);
  // In every column: rows [first, end) add up to row `total`.
  void SumRows(int first, int end, int total);
  // In every row of [first_row, end_row): columns [first, end) add up to
  // column `total`.
  void SumColumns(int first_row, int end_row, int first, int end, int total);
};

// The wire form.
rosa::hub::v1::ReportTable ToProto(const Table& table);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_TABLE_H_
