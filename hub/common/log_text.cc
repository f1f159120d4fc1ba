#include "hub/common/log_text.h"

#include <cstdint>

#include "common/text.h"

namespace rosa {
namespace {

bool IsUnicodeControl(uint32_t cp) {
  return text::IsControlCharacter(cp) ||    // C0, DEL, C1 controls
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
      if (text::IsControlCharacter(c) || c == '\\') {
        AppendEscaped(text.substr(i, 1), &out);
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t n = text::DecodeUtf8(text.substr(i), &cp);
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
