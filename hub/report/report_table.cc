#include "hub/report/report_table.h"

#include <utility>

namespace rosa::report {

namespace v1 = rosa::hub::v1;

int Table::AddCounts(std::string key, std::string en, std::string no,
                     const std::vector<int64_t>& counts, RowKind kind) {
  Row row{std::move(key), std::move(en), std::move(no), kind, {}};
  for (int64_t c : counts) row.cells.push_back(Cell{.count = c});
  rows.push_back(std::move(row));
  return static_cast<int>(rows.size()) - 1;
}

int Table::AddDecimals(std::string key, std::string en, std::string no,
                       const std::vector<double>& values, RowKind kind) {
  Row row{std::move(key), std::move(en), std::move(no), kind, {}};
  for (double v : values)
    row.cells.push_back(Cell{.decimal = true, .value = v});
  rows.push_back(std::move(row));
  return static_cast<int>(rows.size()) - 1;
}

void Table::SumRows(int first, int end, int total) {
  for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
    SumGroup group;
    for (int r = first; r < end; ++r) group.parts.push_back({r, c});
    group.total = {total, c};
    groups.push_back(std::move(group));
  }
}

void Table::SumColumns(int first_row, int end_row, int first, int end,
                       int total) {
  for (int r = first_row; r < end_row; ++r) {
    SumGroup group;
    for (int c = first; c < end; ++c) group.parts.push_back({r, c});
    group.total = {r, total};
    groups.push_back(std::move(group));
  }
}

v1::ReportTable ToProto(const Table& table) {
  v1::ReportTable out;
  out.set_id(table.id);
  out.set_title_en(table.title_en);
  out.set_title_no(table.title_no);
  for (const std::string& c : table.columns) out.add_columns(c);
  for (const Row& row : table.rows) {
    v1::ReportRow* r = out.add_rows();
    r->set_key(row.key);
    r->set_label_en(row.label_en);
    r->set_label_no(row.label_no);
    for (const Cell& cell : row.cells) {
      v1::ReportCell* c = r->add_cells();
      if (cell.suppressed) {
        c->set_suppressed(true);
      } else if (cell.decimal) {
        c->set_decimal(cell.value);
      } else {
        c->set_count(cell.count);
      }
    }
  }
  return out;
}

}  // namespace rosa::report
