#include "plugins/lauras_skjema/form_writer.h"

#include <cstdint>

#include "plugins/sdk/text.h"

namespace rosa::plugin::lauras_skjema {

std::string OneLine(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<uint8_t>(value[i]);
    if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
      continue;
    }
    // NEL (C2 85) and the line and paragraph separators (E2 80 A8/A9): some
    // mail readers break lines at them.
    if (c == 0xC2 && i + 1 < value.size() &&
        static_cast<uint8_t>(value[i + 1]) == 0x85) {
      out.push_back(' ');
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < value.size() &&
        static_cast<uint8_t>(value[i + 1]) == 0x80 &&
        (static_cast<uint8_t>(value[i + 2]) == 0xA8 ||
         static_cast<uint8_t>(value[i + 2]) == 0xA9)) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return std::string(Trim(out));
}

FormWriter::FormWriter(std::string_view skjema) { Add("Skjema", skjema); }

void FormWriter::Add(std::string_view key, std::string_view value) {
  text_.append(key);
  text_.append(": ");
  text_.append(OneLine(value));
  text_.push_back('\n');
}

}  // namespace rosa::plugin::lauras_skjema
