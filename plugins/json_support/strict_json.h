// Strict JSON parsing for partner payloads. nlohmann's DOM parser silently
// keeps the last of two equal keys and recurses as deep as the input goes;
// here a SAX handler builds the DOM instead, so that a duplicate key, nesting
// past a fixed depth or invalid UTF-8 is a clean error, and an error names
// only where it is (record, key path, line and column), never payload text.
// Also the one way the JSON plugins write JSON, which cannot throw.
//
// Thread-safety: pure functions; safe from any number of threads.
#ifndef ROSA_PLUGINS_JSON_SUPPORT_STRICT_JSON_H_
#define ROSA_PLUGINS_JSON_SUPPORT_STRICT_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::json {

struct StrictParseOptions {
  // Containers open at once, the top level included. Past this the parse
  // stops: nothing deeper is ever built or visited.
  int max_depth = 32;
  // Keys the format defines. Only these are ever named in an error's field;
  // any other key could be payload text and is written "(unknown key)".
  std::vector<std::string_view> known_keys;
};

// A parsed document, or where and why the payload is not one.
struct StrictParseResult {
  nlohmann::json document;
  // Set when the payload is rejected. `record` is "item N" for the N-th
  // element of a top-level array (or "item 1" inside a top-level object),
  // else "payload"; `field` is the path of known keys to the error, like
  // "beds.total".
  rosa::plugin::v1::RecordError error;
  bool ok() const { return error.reason().empty(); }
};

// Parses `text` as exactly one JSON document (a UTF-8 byte-order mark is
// allowed in front; comments and trailing content are not).
StrictParseResult StrictParse(std::string_view text,
                              const StrictParseOptions& options);

// Compact JSON text of `value`. Invalid UTF-8 in a string (which the hub
// never sends) becomes U+FFFD instead of an exception.
std::string WriteJson(const nlohmann::ordered_json& value);

}  // namespace rosa::plugin::json

#endif  // ROSA_PLUGINS_JSON_SUPPORT_STRICT_JSON_H_
