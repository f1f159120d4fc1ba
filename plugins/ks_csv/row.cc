#include "plugins/ks_csv/row.h"

#include "absl/strings/str_cat.h"
#include "plugins/sdk/local_time.h"

namespace rosa::plugin::ks_csv {
namespace {

// More digits than this cannot be in any range a profile uses, and fewer
// cannot overflow uint64_t.
constexpr size_t kMaxDigits = 9;

bool HasForbiddenControl(std::string_view text, bool multiline) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

Row::Row(const Header& header, const CsvRecord& record)
    : header_(header), csv_(record), record_(LineName(record.line)) {}

bool Row::HasColumn(std::string_view name) const {
  return header_.Position(name) >= 0;
}

std::string_view Row::Cell(std::string_view name) const {
  const int position = header_.Position(name);
  if (position < 0 || static_cast<size_t>(position) >= csv_.fields.size()) {
    return {};
  }
  return Trim(csv_.fields[static_cast<size_t>(position)]);
}

void Row::Error(std::string_view field, std::string reason) {
  // The first problem with a field is the one worth telling.
  for (const auto& e : errors_) {
    if (e.field() == field) return;
  }
  errors_.push_back(MakeError(record_, std::string(field), std::move(reason)));
}

void Row::Missing(std::string_view name) {
  Error(name, HasColumn(name) ? "required; the cell is empty"
                              : "required; the file has no such column");
}

std::optional<absl::Time> Row::Time(std::string_view name, Presence presence) {
  const std::string_view cell = Cell(name);
  if (cell.empty()) {
    if (presence == Presence::kRequired) Missing(name);
    return std::nullopt;
  }
  absl::StatusOr<absl::Time> time = ParseNorwegianDateTime(cell);
  if (!time.ok()) {
    // The SDK's messages describe the expected form, never the text.
    Error(name, std::string(time.status().message()));
    return std::nullopt;
  }
  return *time;
}

std::optional<uint32_t> Row::Integer(std::string_view name, uint32_t min,
                                     uint32_t max, Presence presence) {
  const std::string_view cell = Cell(name);
  if (cell.empty()) {
    if (presence == Presence::kRequired) Missing(name);
    return std::nullopt;
  }
  for (char c : cell) {
    if (c < '0' || c > '9') {
      Error(name, "must be a whole number written with digits only");
      return std::nullopt;
    }
  }
  const std::string range = absl::StrCat("must be ", min, " to ", max);
  if (cell.size() > kMaxDigits) {
    Error(name, range);
    return std::nullopt;
  }
  uint64_t value = 0;
  for (char c : cell) value = value * 10 + static_cast<uint64_t>(c - '0');
  if (value < min || value > max) {
    Error(name, range);
    return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

std::optional<bool> Row::YesNo(std::string_view name, Presence presence) {
  static constexpr Token<bool> kYesNo[] = {{"ja", true}, {"nei", false}};
  return Pick<bool>(name, kYesNo, presence);
}

std::optional<std::string> Row::Text(std::string_view name, size_t max_chars,
                                     bool multiline, Presence presence) {
  const std::string_view cell = Cell(name);
  if (cell.empty()) {
    if (presence == Presence::kRequired) Missing(name);
    return std::nullopt;
  }
  if (HasForbiddenControl(cell, multiline)) {
    Error(name, multiline ? "holds a control character"
                          : "must be one line without control characters");
    return std::nullopt;
  }
  if (Utf8Length(cell) > max_chars) {
    Error(name, absl::StrCat("at most ", max_chars, " characters"));
    return std::nullopt;
  }
  return std::string(cell);
}

}  // namespace rosa::plugin::ks_csv
