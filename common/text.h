// Text as the hub reads it, in one place for the core's text rules, the
// plugins' checks and the log's escaping: one UTF-8 decoder, what a control
// character is, and what a blank value is.
//
//   text::IsValidUtf8("Oslo æøå")        -> true
//   text::CleanTextLength("Bod\xC3\xB8") -> 4 (code points)
//   text::CleanTextLength("a\nb")        -> nullopt (a control character)
//   text::IsBlank(" \t")                 -> true
//   text::Utf8Prefix("blå", 3)          -> "bl" (not half of "å")
//
// Thread-safety: pure functions.
#ifndef ROSA_COMMON_TEXT_H_
#define ROSA_COMMON_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rosa::text {

// The length (1 to 4 bytes) of the well-formed UTF-8 sequence that `s`
// starts with, its code point in *code_point; 0 when `s` is empty or does
// not start with one: a continuation byte, an overlong form, a surrogate,
// a value beyond U+10FFFF or a sequence cut short.
size_t DecodeUtf8(std::string_view s, uint32_t* code_point);

// True when all of `s` is well-formed UTF-8 (DecodeUtf8 above).
bool IsValidUtf8(std::string_view s);

// The number of code points in `s`: its bytes that are not continuation
// bytes. REQUIRES: IsValidUtf8(s) (a protobuf string field always is).
size_t Utf8Length(std::string_view s);

// C0 controls (U+0000-U+001F, tab and newline included), DEL (U+007F) and
// C1 controls (U+0080-U+009F).
bool IsControlCharacter(uint32_t code_point);

// The number of code points in `s` when it is well-formed UTF-8 without a
// control character (a name, a region, a field of one line); nullopt
// otherwise.
std::optional<size_t> CleanTextLength(std::string_view s);

// The longest start of `s` of at most `max_bytes` that does not end inside
// a UTF-8 sequence: well-formed text stays well-formed when cut there.
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// True when `s` is empty or only ASCII white space (space, \t, \n, \v, \f,
// \r).
bool IsBlank(std::string_view s);

}  // namespace rosa::text

#endif  // ROSA_COMMON_TEXT_H_
