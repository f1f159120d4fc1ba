// A plugin for the loader's tests, built in several variants (see
// CMakeLists.txt): TEST_PLUGIN_VERSION names the version; TEST_WRONG_API and
// TEST_WRONG_FINGERPRINT build an entry point the hub must refuse.
//
// Decode: payload "ok" gives one command, "bad" a record error, "throw"
// throws, "abort-not" is never used: nothing here may take the process down.
#include <stdexcept>

#include "plugins/sdk/plugin.h"
#include "plugins/sdk/text.h"

namespace {

namespace pv1 = rosa::plugin::v1;

class TestPlugin : public rosa::plugin::Plugin {
 public:
  pv1::PluginManifest Manifest() const override {
    pv1::PluginManifest m;
    m.set_name("test-echo");
    m.set_version(TEST_PLUGIN_VERSION);
    m.add_decodes("text/plain; profile=test-1");
    m.add_encodes("text/plain; profile=test-1");
    m.add_serves(rosa::hub::v1::PARTNER_KIND_SHELTER);
    return m;
  }
  pv1::DecodeResponse Decode(const pv1::DecodeRequest& r) const override {
    if (r.payload() == "throw") throw std::runtime_error(r.payload());
    if (r.payload() == "bad") {
      return rosa::plugin::Reject("line 1", "status", "unknown value");
    }
    pv1::DecodeResponse response;
    pv1::HubCommand* c = response.add_commands();
    c->set_record("line 1");
    c->mutable_update_referral_status()->set_referral_id(TEST_PLUGIN_VERSION);
    return response;
  }
  pv1::EncodeResponse Encode(const pv1::EncodeRequest& r) const override {
    pv1::EncodeResponse response;
    auto* p = response.add_payloads();
    p->set_content_type("text/plain; profile=test-1");
    p->set_payload(std::to_string(r.event().cursor()));
    return response;
  }
};

}  // namespace

#if defined(TEST_WRONG_API) || defined(TEST_WRONG_FINGERPRINT)
namespace {
int Manifest(RosaSink sink, void* ctx) {
  return rosa::plugin::internal::Manifest(TestPlugin(), sink, ctx);
}
int Never(const char*, size_t, RosaSink, void*) { return ROSA_CALL_BAD_REQUEST; }
#ifdef TEST_WRONG_API
constexpr RosaPluginV1 kTable = {ROSA_PLUGIN_API_VERSION + 1,
                                 rosa::plugin::kDescriptorFingerprint,
                                 &Manifest, &Never, &Never};
#else
constexpr RosaPluginV1 kTable = {ROSA_PLUGIN_API_VERSION,
                                 "0000000000000000000000000000000000000000000"
                                 "000000000000000000000",
                                 &Manifest, &Never, &Never};
#endif
}  // namespace
extern "C" __attribute__((visibility("default"))) const RosaPluginV1*
rosa_plugin_entry(void) {
  return &kTable;
}
#else
ROSA_PLUGIN(TestPlugin)
#endif
