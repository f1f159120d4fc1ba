#include "plugins/advokat/html_escape.h"

#include <cstdint>

#include "plugins/sdk/text.h"

namespace rosa::plugin::advokat {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the UTF-8 sequence a lead byte announces; 0 if it is no lead.
size_t SequenceLength(uint8_t lead) {
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto byte = static_cast<uint8_t>(c);
    if (byte >= 0x80) {
      const size_t len = SequenceLength(byte);
      if (len != 0 && i + len <= text.size() &&
          IsValidUtf8(text.substr(i, len))) {
        out.append(text.substr(i, len));
        i += len;
      } else {
        out.append(kReplacement);
        ++i;
      }
      continue;
    }
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      case '\t':
      case '\n':
      case '\r':
        out.push_back(c);
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          out.append(kReplacement);
        } else {
          out.push_back(c);
        }
    }
    ++i;
  }
  return out;
}

}  // namespace rosa::plugin::advokat
