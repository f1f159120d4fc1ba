// Writing a plugin: derive from rosa::plugin::Plugin, implement Manifest,
// Decode and Encode, and put ROSA_PLUGIN(YourClass) in one .cc file. The
// macro exports the entry point the hub loads, builds the instance on first
// use (never in a static constructor), fills in the API version and the
// descriptor fingerprint, and turns any exception into a clean failure, so
// nothing a plugin does crosses the boundary as anything but bytes.
//
// A plugin holds no state and decides nothing: it says what a payload means
// and how an event reads in the partner's format. The hub checks every
// command it returns as if the partner had sent it over gRPC.
//
// Thread-safety: Decode and Encode are called from many threads at once and
// must be const and reentrant.
#ifndef ROSA_PLUGINS_SDK_PLUGIN_H_
#define ROSA_PLUGINS_SDK_PLUGIN_H_

#include <exception>
#include <string>

#include "plugins/sdk/plugin_abi.h"
#include "plugins/sdk/sandbox_ready.h"
#include "plugins/sdk/text.h"
#include "rosa/plugin/descriptor_fingerprint.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin {

class Plugin {
 public:
  virtual ~Plugin() = default;
  // name, version, content types and partner kinds; the SDK adds the rest.
  virtual rosa::plugin::v1::PluginManifest Manifest() const = 0;
  virtual rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const = 0;
  // A decode-only plugin (its manifest lists no `encodes`) need not
  // override this: no payloads, so the partner is sent nothing.
  virtual rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const {
    return {};
  }
};

namespace internal {

inline void Reply(RosaSink sink, void* ctx, const std::string& bytes) {
  sink(ctx, bytes.data(), bytes.size());
}

template <typename Request, typename Call>
int Invoke(const char* data, size_t size, RosaSink sink, void* ctx,
           Call call) noexcept {
  try {
    Request request;
    if (!request.ParseFromArray(data, static_cast<int>(size))) {
      Reply(sink, ctx, "request does not parse");
      return ROSA_CALL_BAD_REQUEST;
    }
    Reply(sink, ctx, call(request).SerializeAsString());
    return ROSA_CALL_OK;
  } catch (const std::exception&) {
    // what() may quote the payload; never pass it on.
    Reply(sink, ctx, "the plugin threw an exception");
  } catch (...) {
    Reply(sink, ctx, "the plugin threw a non-standard exception");
  }
  return ROSA_CALL_PLUGIN_FAILED;
}

template <typename T>
int Manifest(const T& plugin, RosaSink sink, void* ctx) noexcept {
  try {
    LoadBeforeSandbox();
    rosa::plugin::v1::PluginManifest m = plugin.Manifest();
    m.set_api_version(ROSA_PLUGIN_API_VERSION);
    m.set_descriptor_fingerprint(kDescriptorFingerprint);
    Reply(sink, ctx, m.SerializeAsString());
    return ROSA_CALL_OK;
  } catch (...) {
    Reply(sink, ctx, "the plugin threw while building its manifest");
    return ROSA_CALL_PLUGIN_FAILED;
  }
}

}  // namespace internal
}  // namespace rosa::plugin

// Defines the exported entry point for `PluginClass`, which must be default
// constructible. Use once per plugin library.
#define ROSA_PLUGIN(PluginClass)                                          \
  namespace {                                                             \
  const PluginClass& RosaPluginInstance() {                               \
    static const PluginClass instance;                                    \
    return instance;                                                      \
  }                                                                       \
  int RosaManifest(RosaSink sink, void* ctx) {                            \
    return ::rosa::plugin::internal::Manifest(RosaPluginInstance(), sink, \
                                              ctx);                       \
  }                                                                       \
  int RosaDecode(const char* d, size_t n, RosaSink sink, void* ctx) {     \
    return ::rosa::plugin::internal::Invoke<                              \
        ::rosa::plugin::v1::DecodeRequest>(                               \
        d, n, sink, ctx, [](const ::rosa::plugin::v1::DecodeRequest& r) { \
          return ::rosa::plugin::CapDecodeResponse(                       \
              RosaPluginInstance().Decode(r));                            \
        });                                                               \
  }                                                                       \
  int RosaEncode(const char* d, size_t n, RosaSink sink, void* ctx) {     \
    return ::rosa::plugin::internal::Invoke<                              \
        ::rosa::plugin::v1::EncodeRequest>(                               \
        d, n, sink, ctx, [](const ::rosa::plugin::v1::EncodeRequest& r) { \
          return RosaPluginInstance().Encode(r);                          \
        });                                                               \
  }                                                                       \
  constexpr RosaPluginV1 kRosaPluginTable = {                             \
      ROSA_PLUGIN_API_VERSION, ::rosa::plugin::kDescriptorFingerprint,    \
      &RosaManifest, &RosaDecode, &RosaEncode};                           \
  }                                                                       \
  extern "C" __attribute__((visibility("default"))) const RosaPluginV1*   \
  rosa_plugin_entry(void) {                                               \
    return &kRosaPluginTable;                                             \
  }

#endif  // ROSA_PLUGINS_SDK_PLUGIN_H_
