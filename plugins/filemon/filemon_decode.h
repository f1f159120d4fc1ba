// Decoding one filemon/1 object (a "capacity" report or an "intake_status")
// into a hub command. The shared loop in json_support does the rest: content
// type, strict parse, records, schema, all-or-nothing.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_FILEMON_FILEMON_DECODE_H_
#define ROSA_PLUGINS_FILEMON_FILEMON_DECODE_H_

#include <string_view>
#include <vector>

#include "plugins/json_support/json_fields.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::filemon {

// Every key filemon/1 defines (inbound), for error field paths.
std::vector<std::string_view> FilemonKnownKeys();

// Reads the object behind `record` into `command`; errors go through
// `record`.
void DecodeFilemonRecord(json::ObjectReader& record,
                         rosa::plugin::v1::HubCommand& command);

}  // namespace rosa::plugin::filemon

#endif  // ROSA_PLUGINS_FILEMON_FILEMON_DECODE_H_
