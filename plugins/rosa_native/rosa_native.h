// The rosa-native plugin: ROSA's own tools speak the hub's protobuf
// messages, so there is nothing to translate - only to check that a
// payload is what it claims to be (formats README, section 6). Inbound, a
// rosa.plugin.v1.CommandBatch: each HubCommand passes through as sent
// (idempotency keys included: ROSA may choose its own), once it has a
// command set, no unknown fields or enum values, and a record label the
// core can safely repeat. Outbound, every event as a serialized
// rosa.hub.v1.Event.
//
// Thread-safety: stateless; Decode and Encode are const and reentrant.
#ifndef ROSA_PLUGINS_ROSA_NATIVE_ROSA_NATIVE_H_
#define ROSA_PLUGINS_ROSA_NATIVE_ROSA_NATIVE_H_

#include "plugins/sdk/plugin.h"

namespace rosa::plugin::rosa_native {

class RosaNativePlugin : public rosa::plugin::Plugin {
 public:
  rosa::plugin::v1::PluginManifest Manifest() const override;
  rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const override;
  rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const override;
};

}  // namespace rosa::plugin::rosa_native

#endif  // ROSA_PLUGINS_ROSA_NATIVE_ROSA_NATIVE_H_
