// Writing cells for files that crisis centres open in a spreadsheet. Every
// cell is neutralised first: a spreadsheet runs a cell that begins with `=`,
// `+`, `-` or `@` as a formula (and tab or carriage return can hide such a
// start), so those cells get a leading `'`, which makes the spreadsheet show
// the text as text. Then the cell is quoted if it holds `;`, `"`, CR or LF,
// with inner quotes doubled, so that csv_reader.h reads it back unchanged.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_KS_CSV_CSV_WRITER_H_
#define ROSA_PLUGINS_KS_CSV_CSV_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

namespace rosa::plugin::ks_csv {

// `cell` with a leading `'` if it begins with `=`, `+`, `-`, `@`, tab or
// carriage return; otherwise unchanged.
std::string NeutraliseFormula(std::string_view cell);

// `cell` in quotes, with quotes doubled, if it holds `;`, `"`, CR or LF;
// otherwise unchanged.
std::string QuoteCell(std::string_view cell);

// QuoteCell(NeutraliseFormula(cell)): the only way cells reach the output.
std::string WriteCell(std::string_view cell);

// The cells written and joined by `;`, ending in CRLF.
std::string WriteRow(const std::vector<std::string>& cells);

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_CSV_WRITER_H_
