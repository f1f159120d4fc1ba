// How file-drop names map to content types, both ways. A partner's inbox
// file is read as the content type its extension names among those its
// plugin reads; where several share an extension (ks-csv's profiles), the
// file name must also name the profile, e.g. "2026-11-28-plasser.csv" or
// "natt.ks-telefonlogg-1.csv". Thread-safe: pure functions.
#ifndef ROSA_ADAPTERS_FILE_DROP_FILE_NAMES_H_
#define ROSA_ADAPTERS_FILE_DROP_FILE_NAMES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

// INVALID_ARGUMENT naming the choices when the name fits none or several.
absl::StatusOr<std::string> ContentTypeForFile(
    std::string_view file_name, const rosa::plugin::v1::PluginManifest& plugin);

// ".csv", ".json", ".txt", ".xml", ".html", ".pb", or ".bin".
std::string ExtensionFor(std::string_view content_type);

// Files a partner is still writing: names starting with '.' or ending in
// ".tmp" or ".part". They are left alone until renamed.
bool IsIncompleteFile(std::string_view file_name);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FILE_NAMES_H_
