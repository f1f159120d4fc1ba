#include "plugins/ks_csv/csv_reader.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::ks_csv {
namespace {

// Checks each physical line on its own so that the error can name it. A line
// feed never occurs inside a multi-byte sequence, so splitting there first
// cannot hide a broken sequence.
void CheckUtf8(std::string_view text, const CsvLimits& limits,
               std::vector<CsvError>& errors) {
  int line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (!IsValidUtf8(text.substr(start, end - start))) {
      errors.push_back({line, "not valid UTF-8"});
      if (errors.size() >= limits.max_errors) return;
    }
    start = end + 1;
    ++line;
  }
}

bool AllEmpty(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const std::string& f) { return f.empty(); });
}

// The splitter proper; holds the position while one text is read.
class Reader {
 public:
  Reader(std::string_view text, const CsvLimits& limits)
      : text_(text), limits_(limits) {}

  CsvResult Run() {
    CsvResult result;
    while (pos_ < text_.size()) {
      CsvRecord record;
      record.line = line_;
      if (!ReadRecord(record.fields)) {
        result.records.clear();
        result.errors.push_back({error_line_, std::move(error_)});
        return result;
      }
      if (AllEmpty(record.fields)) continue;
      if (result.records.size() >= limits_.max_records) {
        result.records.clear();
        result.errors.push_back(
            {record.line, absl::StrCat("more than ", limits_.max_records,
                                       " rows in one file")});
        return result;
      }
      result.records.push_back(std::move(record));
    }
    return result;
  }

 private:
  bool Fail(int line, std::string reason) {
    error_line_ = line;
    error_ = std::move(reason);
    return false;
  }

  // Reads one record up to and including its line end (or the end of text).
  bool ReadRecord(std::vector<std::string>& fields) {
    while (true) {
      if (fields.size() >= limits_.max_fields) {
        return Fail(line_, absl::StrCat("more than ", limits_.max_fields,
                                        " fields in one row"));
      }
      fields.emplace_back();
      std::string& value = fields.back();
      const bool quoted = pos_ < text_.size() && text_[pos_] == '"';
      if (quoted ? !ReadQuoted(value) : !ReadUnquoted(value)) return false;
      // What follows a field: a delimiter, a line end or the end of text.
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_];
      if (c == ';') {
        ++pos_;
        continue;
      }
      if (c == '\n') {
        ++pos_;
        ++line_;
        return true;
      }
      if (c == '\r') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
          pos_ += 2;
          ++line_;
          return true;
        }
        return Fail(line_,
                    "a carriage return not followed by a line feed outside "
                    "quotes");
      }
      // Only a quoted field can stop on anything else.
      return Fail(line_,
                  "text after the closing quote of a field; a quote inside "
                  "a quoted field must be doubled");
    }
  }

  bool ReadUnquoted(std::string& value) {
    const size_t end =
        std::min(text_.find_first_of(";\r\n\"", pos_), text_.size());
    if (end < text_.size() && text_[end] == '"') {
      return Fail(line_,
                  "a quote inside a field that does not start with one; "
                  "quote the whole field and double the quote");
    }
    value.assign(text_.substr(pos_, end - pos_));
    pos_ = end;
    return true;
  }

  bool ReadQuoted(std::string& value) {
    const int start_line = line_;
    ++pos_;  // the opening quote
    while (true) {
      const size_t end = text_.find_first_of("\"\n", pos_);
      if (end == std::string_view::npos) {
        return Fail(start_line,
                    "a quoted field that starts on this line is never "
                    "closed");
      }
      value.append(text_.substr(pos_, end - pos_));
      pos_ = end + 1;
      if (text_[end] == '\n') {
        value.push_back('\n');
        ++line_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '"') {
        value.push_back('"');
        ++pos_;
        continue;
      }
      return true;  // the closing quote
    }
  }

  std::string_view text_;
  const CsvLimits& limits_;
  size_t pos_ = 0;
  int line_ = 1;
  int error_line_ = 0;
  std::string error_;
};

}  // namespace

CsvResult ReadCsv(std::string_view text, const CsvLimits& limits) {
  text = WithoutBom(text);
  CsvResult result;
  CheckUtf8(text, limits, result.errors);
  if (!result.errors.empty()) return result;
  return Reader(text, limits).Run();
}

}  // namespace rosa::plugin::ks_csv
