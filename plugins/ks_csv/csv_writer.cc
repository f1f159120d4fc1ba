#include "plugins/ks_csv/csv_writer.h"

namespace rosa::plugin::ks_csv {

std::string NeutraliseFormula(std::string_view cell) {
  std::string out;
  if (!cell.empty()) {
    switch (cell.front()) {
      case '=':
      case '+':
      case '-':
      case '@':
      case '\t':
      case '\r':
        out.push_back('\'');
        break;
      default:
        break;
    }
  }
  out.append(cell);
  return out;
}

std::string QuoteCell(std::string_view cell) {
  if (cell.find_first_of(";\"\r\n") == std::string_view::npos) {
    return std::string(cell);
  }
  std::string out;
  out.reserve(cell.size() + 2);
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string WriteCell(std::string_view cell) {
  return QuoteCell(NeutraliseFormula(cell));
}

std::string WriteRow(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(';');
    out.append(WriteCell(cells[i]));
  }
  out.append("\r\n");
  return out;
}

}  // namespace rosa::plugin::ks_csv
