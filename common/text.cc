#include "common/text.h"

#include <algorithm>

namespace rosa::text {

size_t DecodeUtf8(std::string_view s, uint32_t* code_point) {
  if (s.empty()) return 0;
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const uint8_t lead = byte(0);
  size_t length = 0;
  uint32_t cp = 0;
  if (lead < 0x80) {
    length = 1;
    cp = lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07u;
  } else {
    return 0;  // A continuation byte, or 0xF8-0xFF.
  }
  if (length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(k) & 0x3Fu);
  }
  // The smallest code point each length may carry: below it, an overlong.
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[length] || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  *code_point = cp;
  return length;
}

bool IsValidUtf8(std::string_view s) {
  uint32_t cp = 0;
  while (!s.empty()) {
    const size_t n = DecodeUtf8(s, &cp);
    if (n == 0) return false;
    s.remove_prefix(n);
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  }));
}

bool IsControlCharacter(uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

std::optional<size_t> CleanTextLength(std::string_view s) {
  size_t count = 0;
  uint32_t cp = 0;
  while (!s.empty()) {
    const size_t n = DecodeUtf8(s, &cp);
    if (n == 0 || IsControlCharacter(cp)) return std::nullopt;
    s.remove_prefix(n);
    ++count;
  }
  return count;
}

std::string_view Utf8Prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  // Back to the start of the sequence the cut falls in (continuation bytes
  // are 10xxxxxx), which is then left out whole.
  while (end > 0 && (static_cast<uint8_t>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  });
}

}  // namespace rosa::text
