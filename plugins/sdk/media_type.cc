#include "plugins/sdk/media_type.h"

#include <map>
#include <optional>
#include <string>

#include "plugins/sdk/text.h"

namespace rosa::plugin {
namespace {

struct MediaType {
  std::string type;                           // lower case
  std::map<std::string, std::string> params;  // names in lower case
};

std::optional<MediaType> ParseMediaType(std::string_view text) {
  MediaType media;
  size_t semicolon = text.find(';');
  media.type = AsciiLower(Trim(text.substr(0, semicolon)));
  if (media.type.empty()) return std::nullopt;
  while (semicolon != std::string_view::npos) {
    text.remove_prefix(semicolon + 1);
    semicolon = text.find(';');
    const std::string_view param = Trim(text.substr(0, semicolon));
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string name = AsciiLower(Trim(param.substr(0, eq)));
    std::string_view value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (name.empty() || !media.params.emplace(name, value).second) {
      return std::nullopt;
    }
  }
  return media;
}

}  // namespace

bool SameMediaType(std::string_view got, std::string_view want) {
  std::optional<MediaType> g = ParseMediaType(got);
  std::optional<MediaType> w = ParseMediaType(want);
  if (!g || !w || g->type != w->type) return false;
  if (auto charset = g->params.find("charset"); charset != g->params.end()) {
    const std::string value = AsciiLower(charset->second);
    if (value != "utf-8" && value != "utf8") return false;
    g->params.erase(charset);
  }
  return g->params == w->params;
}

}  // namespace rosa::plugin
