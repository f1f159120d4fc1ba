// Decoding one advokat/1 event object into a RecordHandoffEvent command.
// The shared loop in json_support does the rest: content type, strict
// parse, records, schema, all-or-nothing.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_ADVOKAT_ADVOKAT_DECODE_H_
#define ROSA_PLUGINS_ADVOKAT_ADVOKAT_DECODE_H_

#include <string_view>
#include <vector>

#include "plugins/json_support/json_fields.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::advokat {

// Every key advokat/1 defines, for error field paths.
std::vector<std::string_view> AdvokatKnownKeys();

void DecodeAdvokatRecord(json::ObjectReader& record,
                         rosa::plugin::v1::HubCommand& command);

}  // namespace rosa::plugin::advokat

#endif  // ROSA_PLUGINS_ADVOKAT_ADVOKAT_DECODE_H_
