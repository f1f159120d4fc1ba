// The console's words in bokmål ("nb", the default) and English ("en"):
// one table, keyed by a short English id. A page asks Text(lang, "key");
// an id missing from the table shows as the id itself (a test catches it).
// Thread-safety: pure functions over a constant table.
#ifndef ROSA_ADAPTERS_CONSOLE_MESSAGES_H_
#define ROSA_ADAPTERS_CONSOLE_MESSAGES_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace rosa::console {

inline constexpr char kDefaultLang[] = "nb";

// A page's own words: id -> {bokmål, English}. A page keeps its table in
// its own .cc (one home per page) and looks words up with Text(table, ...),
// which falls back to the shared table below.
using MessageTable =
    std::map<std::string_view, std::pair<const char*, const char*>>;

// "nb" or "en" for a supported language code, otherwise kDefaultLang.
std::string NormalizeLang(std::string_view lang);
// The text of `id` in `lang` (NormalizeLang'ed).
std::string Text(std::string_view lang, std::string_view id);
// The text of `id` in `page`'s table, else in the shared one.
std::string Text(const MessageTable& page, std::string_view lang,
                 std::string_view id);
// True iff `id` is in the shared table.
bool HasText(std::string_view id);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_MESSAGES_H_
