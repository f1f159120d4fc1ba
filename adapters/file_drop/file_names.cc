#include "adapters/file_drop/file_names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rosa {
namespace {

std::string MediaType(std::string_view content_type) {
  return absl::AsciiStrToLower(std::string(absl::StripAsciiWhitespace(
      std::string(content_type.substr(0, content_type.find(';'))))));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

std::string Profile(std::string_view content_type) {
  const size_t at = content_type.find("profile=");
  if (at == std::string_view::npos) return "";
  std::string_view rest = content_type.substr(at + 8);
  return std::string(rest.substr(0, rest.find(';')));
}

// "ks-plasser-1" -> "plasser": the words between a format prefix and a
// version number.
std::string ProfileWord(const std::string& profile) {
  std::vector<std::string> parts = absl::StrSplit(profile, '-');
  if (parts.size() >= 3) parts.erase(parts.begin());
  if (parts.size() >= 2 &&
      parts.back().find_first_not_of("0123456789") == std::string::npos) {
    parts.pop_back();
  }
  return absl::StrJoin(parts, "-");
}

bool ExtensionFits(std::string_view ext, const std::string& media) {
  if (ext == ".csv") return media == "text/csv";
  if (ext == ".json") return EndsWith(media, "json");
  if (ext == ".txt") return media == "text/plain";
  if (ext == ".xml") return EndsWith(media, "xml");
  if (ext == ".pb" || ext == ".binpb") return media == "application/x-protobuf";
  return false;
}

}  // namespace

absl::StatusOr<std::string> ContentTypeForFile(
    std::string_view file_name,
    const rosa::plugin::v1::PluginManifest& plugin) {
  const std::string name = absl::AsciiStrToLower(std::string(file_name));
  const size_t dot = name.rfind('.');
  const std::string_view ext = dot == std::string::npos
                                   ? std::string_view()
                                   : std::string_view(name).substr(dot);
  std::vector<std::string> fits;
  for (const std::string& type : plugin.decodes()) {
    if (ExtensionFits(ext, MediaType(type))) fits.push_back(type);
  }
  if (fits.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "file name: the extension is not one the ", plugin.name(),
        " plugin reads (", absl::StrJoin(plugin.decodes(), ", "), ")"));
  }
  if (fits.size() == 1) return fits[0];
  std::vector<std::string> named, words;
  for (const std::string& type : fits) {
    const std::string word = ProfileWord(Profile(type));
    words.push_back(word);
    if (!word.empty() && name.find(word) != std::string::npos)
      named.push_back(type);
  }
  if (named.size() == 1) return named[0];
  return absl::InvalidArgumentError(
      absl::StrCat("file name: must name exactly one profile: ",
                   absl::StrJoin(words, ", ")));
}

std::string ExtensionFor(std::string_view content_type) {
  const std::string media = MediaType(content_type);
  if (media == "text/csv") return ".csv";
  if (EndsWith(media, "json")) return ".json";
  if (media == "text/plain") return ".txt";
  if (EndsWith(media, "xml")) return ".xml";
  if (media == "text/html") return ".html";
  if (media == "application/x-protobuf") return ".pb";
  return ".bin";
}

bool IsIncompleteFile(std::string_view file_name) {
  return file_name.empty() || file_name[0] == '.' ||
         EndsWith(file_name, ".tmp") || EndsWith(file_name, ".part");
}

}  // namespace rosa
