// The content types ROSA's own tools use; compare a request's with
// SameMediaType (plugins/sdk/media_type.h): the message type parameter is
// compared exactly.
// Thread-safety: constants.
#ifndef ROSA_PLUGINS_ROSA_NATIVE_CONTENT_TYPE_H_
#define ROSA_PLUGINS_ROSA_NATIVE_CONTENT_TYPE_H_

#include <string_view>

#include "plugins/sdk/media_type.h"  // SameMediaType

namespace rosa::plugin::rosa_native {

// What ROSA sends: hub commands.
inline constexpr std::string_view kCommandBatchType =
    "application/x-protobuf; messageType=rosa.plugin.v1.CommandBatch";
// What ROSA receives: one hub event per payload.
inline constexpr std::string_view kEventType =
    "application/x-protobuf; messageType=rosa.hub.v1.Event";

}  // namespace rosa::plugin::rosa_native

#endif  // ROSA_PLUGINS_ROSA_NATIVE_CONTENT_TYPE_H_
