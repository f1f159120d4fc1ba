// HTML escaping, the one home for every page the hub renders (the annual
// report, the web console): & < > " ' become entities, so text is safe in
// element content and in quoted attribute values.
// Thread-safe: a pure function.
#ifndef ROSA_HUB_COMMON_HTML_ESCAPE_H_
#define ROSA_HUB_COMMON_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace rosa {

std::string HtmlEscape(std::string_view text);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_HTML_ESCAPE_H_
