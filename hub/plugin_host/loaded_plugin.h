// One plugin library, loaded and checked: the hub's side of the plugin
// boundary (plugins/sdk/plugin_abi.h). Loading copies the library into a
// private folder under a name made from its SHA-256 and maps that copy, so
// an operator replacing the file in the plugin folder never changes code
// that is already mapped, and a new version always loads beside the old
// one instead of being handed back by the dynamic loader's cache.
//
// The library and its folder must pass plugin_file.h's checks (owned by the
// hub's user or root, writable by no one else, no symbolic link), and the
// stored copy is hashed again before it is mapped: a copy that no longer
// matches is refused.
//
// A library is refused unless it exports the entry point, its API version
// is the hub's, and it was built against the same proto descriptors
// (fingerprint). Libraries are never unloaded: a reload keeps the old
// version mapped for calls that still run in it.
//
// Thread-safety: a LoadedPlugin is immutable; Decode and Encode may be
// called from any thread at once.
#ifndef ROSA_HUB_PLUGIN_HOST_LOADED_PLUGIN_H_
#define ROSA_HUB_PLUGIN_HOST_LOADED_PLUGIN_H_

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "plugins/sdk/plugin_abi.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

class LoadedPlugin {
 public:
  // Copies `file` into `copy_dir` (made 0700 if missing), maps the copy and
  // checks it. FAILED_PRECONDITION names the file and what does not match.
  static absl::StatusOr<std::shared_ptr<const LoadedPlugin>> Load(
      const std::filesystem::path& file, const std::filesystem::path& copy_dir);

  const rosa::plugin::v1::PluginManifest& manifest() const {
    return manifest_;
  }
  const std::string& name() const { return manifest_.name(); }
  // The file it was loaded from (not the private copy).
  const std::filesystem::path& file() const { return file_; }
  // Hex SHA-256 of the library.
  const std::string& file_sha256() const { return sha256_; }

  bool Decodes(std::string_view content_type) const;

  // INTERNAL when the plugin fails (throws) or answers garbage; the message
  // never carries anything from the payload.
  absl::StatusOr<rosa::plugin::v1::DecodeResponse> Decode(
      const rosa::plugin::v1::DecodeRequest& request) const;
  absl::StatusOr<rosa::plugin::v1::EncodeResponse> Encode(
      const rosa::plugin::v1::EncodeRequest& request) const;

 private:
  LoadedPlugin() = default;

  std::filesystem::path file_;
  std::string sha256_;
  const RosaPluginV1* table_ = nullptr;
  rosa::plugin::v1::PluginManifest manifest_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_LOADED_PLUGIN_H_
