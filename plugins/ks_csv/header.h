// The header row of a ks-csv file: which of a profile's columns the file has
// and where. Column names are matched without regard to case or surrounding
// spaces (spreadsheets capitalise); order is free. Unknown and unnamed
// columns are ignored with a warning, a column named twice or a required
// column missing is an error.
//
// Thread-safety: a bound Header is immutable and may be shared.
#ifndef ROSA_PLUGINS_KS_CSV_HEADER_H_
#define ROSA_PLUGINS_KS_CSV_HEADER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/ks_csv/csv_reader.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::ks_csv {

// A column a profile knows, by its name in lower case.
struct Column {
  std::string_view name;
  bool required = false;
};

// "line 7": how errors name a record.
std::string LineName(int line);

class Header {
 public:
  // Binds `record` to `columns`. Adds errors and warnings; returns false when
  // the rows cannot be read (a duplicate or missing required column).
  bool Bind(const CsvRecord& record, std::span<const Column> columns,
            std::vector<rosa::plugin::v1::RecordError>& errors,
            std::vector<rosa::plugin::v1::RecordError>& warnings);

  // How many fields every row must have.
  size_t width() const { return width_; }

  // Where `name` (one of the profile's columns) is in a row, or -1.
  int Position(std::string_view name) const;

 private:
  std::span<const Column> columns_;
  std::vector<int> positions_;  // parallel to columns_
  size_t width_ = 0;
};

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_HEADER_H_
