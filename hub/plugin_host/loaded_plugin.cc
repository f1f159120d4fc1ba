#include "hub/plugin_host/loaded_plugin.h"

#define BOOST_DLL_USE_STD_FS
#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <deque>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/plugin_host/plugin_file.h"
#include "plugins/sdk/descriptor_fingerprint.h"

namespace rosa {
namespace {

namespace pv1 = rosa::plugin::v1;

// Every library ever loaded stays here for the life of the process: a
// plugin is never unloaded, because a call may still be running in it and
// its code may own memory or static objects that outlive the call.
std::deque<boost::dll::shared_library>& LibrariesNeverUnloaded() {
  static auto* libraries = new std::deque<boost::dll::shared_library>();
  return *libraries;
}
std::mutex& LibrariesMutex() {
  static auto* mu = new std::mutex();
  return *mu;
}

const std::string& HubFingerprint() {
  static const std::string* fingerprint =
      new std::string(rosa::plugin::ComputeDescriptorFingerprint());
  return *fingerprint;
}

void AppendToString(void* ctx, const char* data, size_t size) {
  static_cast<std::string*>(ctx)->append(data, size);
}

absl::StatusOr<std::string> Call(const std::string& plugin,
                                 const char* what, int result,
                                 std::string out) {
  switch (result) {
    case ROSA_CALL_OK:
      return out;
    case ROSA_CALL_BAD_REQUEST:
      return absl::InternalError(absl::StrCat(
          "plugin ", plugin, ": ", what, ": the plugin could not read the "
          "request"));
    default:
      // What the plugin wrote is not passed on: it could quote a payload.
      return absl::InternalError(absl::StrCat(
          "plugin ", plugin, ": ", what, " failed inside the plugin"));
  }
}

}  // namespace

absl::StatusOr<std::shared_ptr<const LoadedPlugin>> LoadedPlugin::Load(
    const std::filesystem::path& file, const std::filesystem::path& copy_dir) {
  const std::string shown = file.filename().string();
  RETURN_IF_ERROR(CheckPluginFolder(file.has_parent_path()
                                        ? file.parent_path()
                                        : std::filesystem::path(".")));
  ASSIGN_OR_RETURN(const std::string bytes, ReadPluginFile(file));
  auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
  plugin->file_ = file;
  plugin->sha256_ = Sha256Hex(bytes);

  RETURN_IF_ERROR(EnsurePrivateDirectory(copy_dir));
  const std::filesystem::path copy =
      copy_dir / absl::StrCat(plugin->sha256_, "-", shown);
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(copy, ec))) {
    WriteFileOptions options;
    options.mode = 0500;
    RETURN_IF_ERROR(WriteFileAtomically(copy, bytes, options));
  }
  // The copy is what gets mapped: hash it again, so that a copy changed
  // since it was written (or a symlink put in its place) is never run.
  ASSIGN_OR_RETURN(const std::string stored, ReadPluginFile(copy));
  if (Sha256Hex(stored) != plugin->sha256_) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown, ": the stored copy ", copy.filename().string(),
        " no longer matches its SHA-256; remove it and start again"));
  }

  const RosaPluginV1* table = nullptr;
  {
    std::lock_guard<std::mutex> lock(LibrariesMutex());
    try {
      boost::dll::shared_library library(
          copy, boost::dll::load_mode::rtld_now |
                    boost::dll::load_mode::rtld_local);
      if (!library.has(ROSA_PLUGIN_ENTRY_SYMBOL)) {
        return absl::FailedPreconditionError(
            absl::StrCat("plugin file ", shown, ": does not export ",
                         ROSA_PLUGIN_ENTRY_SYMBOL,
                         " (built without ROSA_PLUGIN(...)?)"));
      }
      auto entry = library.get<const RosaPluginV1*()>(ROSA_PLUGIN_ENTRY_SYMBOL);
      table = entry();
      LibrariesNeverUnloaded().push_back(std::move(library));
    } catch (const std::exception& e) {
      return absl::FailedPreconditionError(absl::StrCat(
          "plugin file ", shown, ": cannot be loaded: ", e.what()));
    }
  }
  if (table == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown, ": entry point returned nothing"));
  }
  if (table->api_version != ROSA_PLUGIN_API_VERSION) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown, ": plugin API version ", table->api_version,
        ", but this hub speaks version ", ROSA_PLUGIN_API_VERSION,
        "; rebuild the plugin against this hub's SDK"));
  }
  const std::string fingerprint = table->descriptor_fingerprint != nullptr
                                      ? table->descriptor_fingerprint
                                      : "";
  if (fingerprint != HubFingerprint()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown,
        ": built against other proto descriptors (fingerprint ",
        fingerprint.substr(0, 12), "..., hub ", HubFingerprint().substr(0, 12),
        "...); rebuild the plugin against this hub's protos"));
  }
  plugin->table_ = table;

  std::string out;
  const int rc = table->manifest(&AppendToString, &out);
  auto manifest_bytes = Call(shown, "manifest", rc, std::move(out));
  if (!manifest_bytes.ok()) return manifest_bytes.status();
  if (!plugin->manifest_.ParseFromString(*manifest_bytes)) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown, ": manifest does not parse"));
  }
  const pv1::PluginManifest& m = plugin->manifest_;
  const bool name_ok =
      !m.name().empty() && m.name().size() <= 63 &&
      std::all_of(m.name().begin(), m.name().end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      });
  if (!name_ok) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown,
        ": manifest name must be 1 to 63 of a-z, 0-9 and '-'"));
  }
  if (m.api_version() != ROSA_PLUGIN_API_VERSION ||
      m.descriptor_fingerprint() != HubFingerprint()) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown,
                     ": manifest disagrees with the entry point about the API "
                     "version or descriptor fingerprint"));
  }
  return std::shared_ptr<const LoadedPlugin>(std::move(plugin));
}

bool LoadedPlugin::Decodes(std::string_view content_type) const {
  return std::find(manifest_.decodes().begin(), manifest_.decodes().end(),
                   content_type) != manifest_.decodes().end();
}

absl::StatusOr<pv1::DecodeResponse> LoadedPlugin::Decode(
    const pv1::DecodeRequest& request) const {
  const std::string in = request.SerializeAsString();
  std::string out;
  const int rc = table_->decode(in.data(), in.size(), &AppendToString, &out);
  auto bytes = Call(name(), "decode", rc, std::move(out));
  if (!bytes.ok()) return bytes.status();
  pv1::DecodeResponse response;
  if (!response.ParseFromString(*bytes)) {
    return absl::InternalError(
        absl::StrCat("plugin ", name(), ": decode answer does not parse"));
  }
  return response;
}

absl::StatusOr<pv1::EncodeResponse> LoadedPlugin::Encode(
    const pv1::EncodeRequest& request) const {
  const std::string in = request.SerializeAsString();
  std::string out;
  const int rc = table_->encode(in.data(), in.size(), &AppendToString, &out);
  auto bytes = Call(name(), "encode", rc, std::move(out));
  if (!bytes.ok()) return bytes.status();
  pv1::EncodeResponse response;
  if (!response.ParseFromString(*bytes)) {
    return absl::InternalError(
        absl::StrCat("plugin ", name(), ": encode answer does not parse"));
  }
  return response;
}

}  // namespace rosa
