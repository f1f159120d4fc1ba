#include "hub/plugin_host/plugin_library.h"

#define BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>
#include <deque>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/name_rule.h"
#include "hub/common/status_macros.h"
#include "plugins/sdk/descriptor_fingerprint.h"

namespace rosa {
namespace {

namespace pv1 = rosa::plugin::v1;

// Every library ever loaded stays here for the life of the process.
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

absl::StatusOr<std::string> Answer(const std::string& plugin, const char* what,
                                   int result, std::string out) {
  switch (result) {
    case ROSA_CALL_OK:
      return out;
    case ROSA_CALL_BAD_REQUEST:
      return absl::InternalError(absl::StrCat("plugin ", plugin, ": ", what,
                                              ": the plugin could not read the "
                                              "request"));
    default:
      // What the plugin wrote is not passed on: it could quote a payload.
      return FailedInsidePlugin(plugin, what);
  }
}

// Maps `copy` and returns its entry table.
absl::StatusOr<const RosaPluginV1*> MapLibrary(
    const std::filesystem::path& copy, const std::string& shown) {
  std::lock_guard<std::mutex> lock(LibrariesMutex());
  try {
    boost::dll::shared_library library(
        copy,
        boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (!library.has(ROSA_PLUGIN_ENTRY_SYMBOL)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "plugin file ", shown, ": does not export ", ROSA_PLUGIN_ENTRY_SYMBOL,
          " (built without ROSA_PLUGIN(...)?)"));
    }
    auto entry = library.get<const RosaPluginV1*()>(ROSA_PLUGIN_ENTRY_SYMBOL);
    const RosaPluginV1* table = entry();
    LibrariesNeverUnloaded().push_back(std::move(library));
    if (table == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(
          "plugin file ", shown, ": entry point returned nothing"));
    }
    return table;
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown, ": cannot be loaded: ", e.what()));
  }
}

}  // namespace

void PluginLibrary::Prepare() { (void)HubFingerprint(); }

absl::StatusOr<std::shared_ptr<const PluginLibrary>> PluginLibrary::Open(
    const StagedPlugin& staged) {
  const std::string shown = staged.file.filename().string();
  RETURN_IF_ERROR(CheckStagedCopy(staged));
  ASSIGN_OR_RETURN(const RosaPluginV1* table, MapLibrary(staged.copy, shown));
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
  auto library = std::shared_ptr<PluginLibrary>(new PluginLibrary());
  library->table_ = table;

  std::string out;
  const int rc = table->manifest(&AppendToString, &out);
  ASSIGN_OR_RETURN(const std::string manifest_bytes,
                   Answer(shown, "manifest", rc, std::move(out)));
  if (!library->manifest_.ParseFromString(manifest_bytes)) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown, ": manifest does not parse"));
  }
  const pv1::PluginManifest& m = library->manifest_;
  if (!IsValidName(m.name())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plugin file ", shown, ": manifest name must be ", kNameRule));
  }
  if (m.api_version() != ROSA_PLUGIN_API_VERSION ||
      m.descriptor_fingerprint() != HubFingerprint()) {
    return absl::FailedPreconditionError(
        absl::StrCat("plugin file ", shown,
                     ": manifest disagrees with the entry point about the API "
                     "version or descriptor fingerprint"));
  }
  return std::shared_ptr<const PluginLibrary>(std::move(library));
}

absl::StatusOr<std::string> PluginLibrary::Run(
    PluginCall call, std::string_view request, std::string_view /*payload_key*/,
    std::string_view /*partner_id*/) const {
  const bool decode = call == PluginCall::kDecode;
  std::string out;
  const int rc = (decode ? table_->decode : table_->encode)(
      request.data(), request.size(), &AppendToString, &out);
  return Answer(manifest_.name(), CallName(call), rc, std::move(out));
}

}  // namespace rosa
