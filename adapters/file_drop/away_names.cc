#include "adapters/file_drop/away_names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "hub/common/log_text.h"

namespace rosa {
namespace {

// The longest extension AwayName keeps when it cuts a name: ".csv",
// ".json", ".xml" and the like.
constexpr size_t kMaxExtensionBytes = 8;

// ".csv" from "...-plasser.csv": a dot and letters or digits only.
std::string_view ShortExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 ||
      name.size() - dot > kMaxExtensionBytes || name.size() - dot < 2) {
    return {};
  }
  for (char c : name.substr(dot + 1)) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return {};
  }
  return name.substr(dot);
}

std::string Escaped(std::string_view text) {
  return EscapeForLog(text, /*max_bytes=*/text.size());
}

}  // namespace

std::string AwayName(std::string_view name) {
  std::string escaped = Escaped(name);
  if (escaped.size() <= kMaxAwayNameBytes) return escaped;
  const std::string_view extension = ShortExtension(name);
  std::string_view stem = name.substr(0, name.size() - extension.size());
  // Shorter by one character at a time: an escape grows a byte fourfold,
  // so what fits is found by escaping (names are at most 255 bytes).
  while (!stem.empty()) {
    size_t cut = stem.size() - 1;
    // Back to the first byte of a UTF-8 character (10xxxxxx continues one).
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    stem = stem.substr(0, cut);
    std::string fitted =
        absl::StrCat(Escaped(stem), "~", std::string(extension));
    if (fitted.size() <= kMaxAwayNameBytes) return fitted;
  }
  return absl::StrCat("~", std::string(extension));
}

std::string NumberedName(std::string_view away_name, int n) {
  if (n <= 1) return std::string(away_name);
  return absl::StrCat(std::string(away_name), "-", n);
}

}  // namespace rosa
