#include "plugins/ks_csv/header.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::ks_csv {
namespace {

// Header names are the partner's column titles, not personal data, so a
// warning may name them; but only names shaped like a column title (a
// lower-case word of letters, digits and '_', as the formats' own are), so
// that a data row read as a header ("kari nordmann, oslo gate 5",
// "28.11.2026 14:05", an id) is not echoed back: such a column is named by
// its place.
std::string FieldName(std::string_view name, size_t index) {
  constexpr size_t kMaxEcho = 40;
  bool title = !name.empty() && name.size() <= kMaxEcho && name[0] >= 'a' &&
               name[0] <= 'z';
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      title = false;
    }
  }
  if (title) return std::string(name);
  return absl::StrCat("column ", index + 1);
}

}  // namespace

std::string LineName(int line) { return absl::StrCat("line ", line); }

bool Header::Bind(const CsvRecord& record, std::span<const Column> columns,
                  std::vector<rosa::plugin::v1::RecordError>& errors,
                  std::vector<rosa::plugin::v1::RecordError>& warnings) {
  columns_ = columns;
  positions_.assign(columns.size(), -1);
  width_ = record.fields.size();
  const std::string where = LineName(record.line);
  const size_t errors_before = errors.size();
  std::set<std::string> seen;
  for (size_t i = 0; i < record.fields.size(); ++i) {
    const std::string name = AsciiLower(Trim(record.fields[i]));
    if (name.empty()) {
      warnings.push_back(MakeError(where, FieldName(name, i),
                                   "a column without a name; ignored"));
      continue;
    }
    if (!seen.insert(name).second) {
      errors.push_back(MakeError(where, FieldName(name, i),
                                 "the column appears more than once"));
      continue;
    }
    bool known = false;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].name == name) {
        positions_[c] = static_cast<int>(i);
        known = true;
        break;
      }
    }
    if (!known) {
      warnings.push_back(
          MakeError(where, FieldName(name, i), "unknown column; ignored"));
    }
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && positions_[c] < 0) {
      errors.push_back(MakeError(where, std::string(columns[c].name),
                                 "a required column is missing"));
    }
  }
  return errors.size() == errors_before;
}

int Header::Position(std::string_view name) const {
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].name == name) return positions_[c];
  }
  return -1;
}

}  // namespace rosa::plugin::ks_csv
