#include "hub/common/log_text.h"

#include <cstdint>

namespace rosa {
namespace {

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
size_t Utf8Length(std::string_view s, uint32_t* code_point) {
  const auto b = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const auto cont = [&](size_t i) {
    return i < s.size() && (b(i) & 0xC0) == 0x80;
  };
  const uint8_t c = b(0);
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    *code_point = ((c & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    const uint32_t cp =
        ((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    *code_point = cp;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    const uint32_t cp = ((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) |
                        ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    *code_point = cp;
    return 4;
  }
  return 0;
}

bool IsUnicodeControl(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) ||      // C1 controls
         cp == 0x2028 || cp == 0x2029 ||    // line/paragraph separator
         (cp >= 0x202A && cp <= 0x202E) ||  // bidi embeddings, overrides
         (cp >= 0x2066 && cp <= 0x2069) ||  // bidi isolates
         cp == 0x200E || cp == 0x200F || cp == 0x061C;  // direction marks
}

void AppendEscaped(std::string_view bytes, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : bytes) {
    const uint8_t b = static_cast<uint8_t>(c);
    out->append("\\x");
    out->push_back(kHex[b >> 4]);
    out->push_back(kHex[b & 0xF]);
  }
}

}  // namespace

std::string EscapeForLog(std::string_view text, size_t max_bytes) {
  const bool cut = text.size() > max_bytes;
  if (cut) text = text.substr(0, max_bytes);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const uint8_t c = static_cast<uint8_t>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F || c == '\\') {
        AppendEscaped(text.substr(i, 1), &out);
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t n = Utf8Length(text.substr(i), &cp);
    if (n == 0) {
      AppendEscaped(text.substr(i, 1), &out);
      ++i;
    } else {
      if (IsUnicodeControl(cp)) {
        AppendEscaped(text.substr(i, n), &out);
      } else {
        out.append(text.substr(i, n));
      }
      i += n;
    }
  }
  if (cut) out.append("...");
  return out;
}

}  // namespace rosa
