#include "plugins/sdk/text.h"

#include <cstdint>
#include <string>
#include <utility>

namespace rosa::plugin {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t count = 0;
  for (char c : s) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

rosa::plugin::v1::RecordError MakeError(std::string record, std::string field,
                                        std::string reason) {
  rosa::plugin::v1::RecordError e;
  e.set_record(std::move(record));
  e.set_field(std::move(field));
  e.set_reason(std::move(reason));
  return e;
}

rosa::plugin::v1::DecodeResponse Reject(std::string record, std::string field,
                                        std::string reason) {
  rosa::plugin::v1::DecodeResponse response;
  *response.add_errors() =
      MakeError(std::move(record), std::move(field), std::move(reason));
  return response;
}

std::string EventRecord(const rosa::hub::v1::Event& event) {
  return "event " + std::to_string(event.cursor());
}

rosa::plugin::v1::EncodeResponse RefuseEvent(const rosa::hub::v1::Event& event,
                                             std::string field,
                                             std::string reason) {
  rosa::plugin::v1::EncodeResponse response;
  *response.mutable_error() =
      MakeError(EventRecord(event), std::move(field), std::move(reason));
  return response;
}

}  // namespace rosa::plugin
