// Finds what a parsed protobuf message carries that this build of the protos
// does not know: unknown fields (kept by the parser, never applied) and enum
// fields holding a number their enum does not define. A sender built against
// newer protos must be told, not half-understood.
//
// Paths name fields only ("update_referral_status.occurred_at",
// "report_capacity.units[2].type"), never values.
//
// Thread-safety: pure functions over a message the caller owns.
#ifndef ROSA_PLUGINS_ROSA_NATIVE_UNKNOWN_FIELDS_H_
#define ROSA_PLUGINS_ROSA_NATIVE_UNKNOWN_FIELDS_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace rosa::plugin::rosa_native {

struct UnknownContent {
  // Dotted path from the message passed in; empty for the message itself.
  std::string path;
  std::string reason;
};

// Everything unknown in `message` and the messages inside it, in field
// order.
std::vector<UnknownContent> FindUnknownContent(
    const google::protobuf::Message& message);

}  // namespace rosa::plugin::rosa_native

#endif  // ROSA_PLUGINS_ROSA_NATIVE_UNKNOWN_FIELDS_H_
