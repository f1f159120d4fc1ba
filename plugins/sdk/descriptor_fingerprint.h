// The fingerprint of the shared language: a hex SHA-256 over the descriptors
// of rosa/plugin/v1/plugin.proto and every file it imports, in a fixed order.
// The hub computes it from the descriptors it runs with; the build computes
// it once more with fingerprint_tool and compiles it into every plugin, so a
// plugin built against other protos is refused at load time.
// Thread-safe: pure function over the generated descriptor pool.
#ifndef ROSA_PLUGINS_SDK_DESCRIPTOR_FINGERPRINT_H_
#define ROSA_PLUGINS_SDK_DESCRIPTOR_FINGERPRINT_H_

#include <string>

namespace rosa::plugin {

std::string ComputeDescriptorFingerprint();

}  // namespace rosa::plugin

#endif  // ROSA_PLUGINS_SDK_DESCRIPTOR_FINGERPRINT_H_
