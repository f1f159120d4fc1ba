// Escaping text for HTML. Every value on the printable handoff page goes
// through HtmlEscape, whether it sits between tags or in a quoted
// attribute: a case summary or a name must never become markup.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_ADVOKAT_HTML_ESCAPE_H_
#define ROSA_PLUGINS_ADVOKAT_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace rosa::plugin::advokat {

// `text` with & < > " ' as character references, and every byte that is
// not part of well-formed UTF-8, NUL and the other C0 controls but tab, LF
// and CR as U+FFFD. The result holds none of < > " ' and is valid UTF-8.
std::string HtmlEscape(std::string_view text);

}  // namespace rosa::plugin::advokat

#endif  // ROSA_PLUGINS_ADVOKAT_HTML_ESCAPE_H_
