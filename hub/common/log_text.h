// Text that others chose — a partner's file name, a plugin's payload name —
// made safe to put in a log line: control characters cannot start a fake
// log line, move the cursor or flip the text direction. The one helper for
// every such value in a log.
// Thread-safety: pure function.
#ifndef ROSA_HUB_COMMON_LOG_TEXT_H_
#define ROSA_HUB_COMMON_LOG_TEXT_H_

#include <string>
#include <string_view>

namespace rosa {

// `text` with every byte that could disturb a log line written as `\xNN`:
// ASCII control characters (newline, carriage return, escape, ...), DEL,
// the backslash itself, bytes that are not valid UTF-8, and the Unicode
// controls encoded in UTF-8 (C1 controls U+0080..U+009F, line and
// paragraph separators, and bidirectional overrides and isolates).
// Printable ASCII and other UTF-8 (such as "æøå") stay as they are. Longer
// text is cut at `max_bytes` of input and marked with "...".
std::string EscapeForLog(std::string_view text, size_t max_bytes = 256);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_LOG_TEXT_H_
