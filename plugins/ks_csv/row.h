// One data row of a ks-csv file, read through the header: each cell by its
// column name, with parsers for the value kinds the profiles use (times,
// whole numbers, ja/nei, tokens, free text). A parser that finds a problem
// records an error on the row and returns nothing; the profile carries on so
// that one pass reports every field that is wrong. Error reasons describe
// what was expected and never quote the cell.
//
// Thread-safety: a Row belongs to one decode call.
#ifndef ROSA_PLUGINS_KS_CSV_ROW_H_
#define ROSA_PLUGINS_KS_CSV_ROW_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "plugins/ks_csv/csv_reader.h"
#include "plugins/ks_csv/header.h"
#include "plugins/sdk/text.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::ks_csv {

enum class Presence { kRequired, kOptional };

// Bounds for cells whose limits are the core's to say: the plugin reads
// them as they are and the core refuses, naming its field.
inline constexpr size_t kAnyLength = std::numeric_limits<size_t>::max();
inline constexpr uint32_t kAnyCount = std::numeric_limits<uint32_t>::max();

// A word a column accepts and the value it stands for.
template <typename E>
struct Token {
  std::string_view text;
  E value;
};

class Row {
 public:
  Row(const Header& header, const CsvRecord& record);

  // "line 7".
  const std::string& record() const { return record_; }
  bool ok() const { return errors_.empty(); }
  const std::vector<rosa::plugin::v1::RecordError>& errors() const {
    return errors_;
  }

  bool HasColumn(std::string_view name) const;
  // The cell without surrounding white space; empty when the file has no
  // such column.
  std::string_view Cell(std::string_view name) const;
  bool Empty(std::string_view name) const { return Cell(name).empty(); }

  void Error(std::string_view field, std::string reason);

  // Each returns nothing for an empty optional cell, and also (having
  // recorded an error) for a bad or missing required one.

  // "dd.mm.yyyy HH:MM", Oslo time.
  std::optional<absl::Time> Time(std::string_view name, Presence presence);
  // Digits only, no sign, min to max.
  std::optional<uint32_t> Integer(std::string_view name, uint32_t min,
                                  uint32_t max, Presence presence);
  // "ja" or "nei".
  std::optional<bool> YesNo(std::string_view name, Presence presence);
  // Free text of 1 to max_chars code points. `multiline` allows line breaks
  // and tabs; other control characters are never allowed.
  std::optional<std::string> Text(std::string_view name, size_t max_chars,
                                  bool multiline, Presence presence);

  // One of `tokens`, matched without regard to ASCII case.
  template <typename E>
  std::optional<E> Pick(std::string_view name, std::span<const Token<E>> tokens,
                        Presence presence) {
    const std::string_view cell = Cell(name);
    if (cell.empty()) {
      if (presence == Presence::kRequired) Missing(name);
      return std::nullopt;
    }
    const std::string lower = AsciiLower(cell);
    for (const Token<E>& token : tokens) {
      if (token.text == lower) return token.value;
    }
    std::string words;
    for (const Token<E>& token : tokens) {
      if (!words.empty()) words.append(", ");
      words.append(token.text);
    }
    Error(name, "must be one of " + words);
    return std::nullopt;
  }

 private:
  void Missing(std::string_view name);

  const Header& header_;
  const CsvRecord& csv_;
  std::string record_;
  std::vector<rosa::plugin::v1::RecordError> errors_;
};

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_ROW_H_
