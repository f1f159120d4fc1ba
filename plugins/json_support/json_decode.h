// The decode loop the JSON partner formats share: check the content type,
// parse strictly, take the payload as one object or an array of objects
// ("item 1", "item 2", ...), check each object's "schema", hand each to the
// format's record decoder, and return commands only if no record failed.
//
// Thread-safety: pure functions; safe from any number of threads as long as
// the record decoder is.
#ifndef ROSA_PLUGINS_JSON_SUPPORT_JSON_DECODE_H_
#define ROSA_PLUGINS_JSON_SUPPORT_JSON_DECODE_H_

#include <functional>
#include <string_view>
#include <vector>

#include "plugins/json_support/json_fields.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::json {

struct JsonFormat {
  // Exactly as the formats README writes it.
  std::string_view content_type;
  // The value every object's "schema" must have, like "filemon/1".
  std::string_view schema;
  // Every key the format defines, for error field paths (see
  // StrictParseOptions::known_keys). "schema" is added automatically.
  std::vector<std::string_view> known_keys;
};

// Reads one record's fields into `command`. Errors go through `record`;
// when any were added, the command is dropped.
using RecordDecoder = std::function<void(
    ObjectReader& record, rosa::plugin::v1::HubCommand& command)>;

rosa::plugin::v1::DecodeResponse DecodeJsonRecords(
    const rosa::plugin::v1::DecodeRequest& request, const JsonFormat& format,
    const RecordDecoder& decode);

}  // namespace rosa::plugin::json

#endif  // ROSA_PLUGINS_JSON_SUPPORT_JSON_DECODE_H_
