// A strict reader for the semicolon-separated files crisis centres export
// (RFC 4180 with `;` as the delimiter): an optional UTF-8 byte-order mark,
// CRLF or LF line ends, fields quoted with `"` where a quote inside is
// doubled, and quoted fields that may hold `;` and line breaks. Empty lines
// are skipped. The reader only splits records and fields; what the cells
// mean is the profiles' business.
//
// Errors name the physical line (1 = the first line of the file) and never
// quote the text.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_KS_CSV_CSV_READER_H_
#define ROSA_PLUGINS_KS_CSV_CSV_READER_H_

#include <string>
#include <string_view>
#include <vector>

namespace rosa::plugin::ks_csv {

// One record: the physical line it starts on and its fields, verbatim
// (quotes removed, doubled quotes undone, line breaks inside quotes kept).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

struct CsvError {
  int line = 0;
  std::string reason;
};

// Bounds that keep a hostile file from costing more than its size.
struct CsvLimits {
  size_t max_records = 20000;
  size_t max_fields = 200;
  size_t max_errors = 50;
};

struct CsvResult {
  std::vector<CsvRecord> records;
  // Empty when the text is well formed. Invalid UTF-8 is reported for every
  // line that has it (up to `max_errors`); a syntax error stops the reader,
  // so only the first is reported.
  std::vector<CsvError> errors;
};

// Splits `text` into records. A record whose fields are all empty (a blank
// line, or the `;;;;` spreadsheets leave behind) is skipped.
CsvResult ReadCsv(std::string_view text, const CsvLimits& limits = {});

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_CSV_READER_H_
