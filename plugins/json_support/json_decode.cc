#include "plugins/json_support/json_decode.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/json_support/strict_json.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::json {

using nlohmann::json;
using rosa::plugin::v1::DecodeRequest;
using rosa::plugin::v1::DecodeResponse;
using rosa::plugin::v1::HubCommand;

bool IsContentType(std::string_view content_type, std::string_view expected) {
  bool first = true;
  // absl::StrSplit takes no std::string_view in Debian's build of absl.
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t semicolon = content_type.find(';', start);
    parts.push_back(content_type.substr(start, semicolon - start));
    if (semicolon == std::string_view::npos) break;
    start = semicolon + 1;
  }
  for (std::string_view part : parts) {
    const std::string lower = AsciiLower(Trim(part));
    if (first) {
      if (lower != AsciiLower(expected)) return false;
      first = false;
      continue;
    }
    // Only the charset parameter, and only UTF-8 (which is all JSON is).
    std::string compact;
    for (char c : lower) {
      if (c != ' ' && c != '\t') compact.push_back(c);
    }
    if (compact != "charset=utf-8" && compact != "charset=\"utf-8\"") {
      return false;
    }
  }
  return !first;
}

DecodeResponse DecodeJsonRecords(const DecodeRequest& request,
                                 const JsonFormat& format,
                                 const RecordDecoder& decode) {
  if (!IsContentType(request.content_type(), format.content_type)) {
    return Reject("payload", "content_type",
                  "this plugin decodes " + std::string(format.content_type));
  }
  StrictParseOptions options;
  options.known_keys = format.known_keys;
  options.known_keys.push_back("schema");
  const StrictParseResult parsed = StrictParse(request.payload(), options);
  if (!parsed.ok()) {
    DecodeResponse response;
    *response.add_errors() = parsed.error;
    return response;
  }

  // The records: the document itself, or the elements of a top-level array.
  std::vector<const json*> records;
  const json& document = parsed.document;
  if (document.is_object()) {
    records.push_back(&document);
  } else if (document.is_array()) {
    for (const json& element : document) records.push_back(&element);
  } else {
    return Reject("payload", "",
                  "must be a JSON object or an array of JSON objects");
  }

  DecodeResponse response;
  if (records.empty()) {
    *response.add_warnings() =
        MakeError("payload", "", "the array holds no records");
    return response;
  }
  ErrorList errors;
  std::vector<HubCommand> commands;
  for (size_t i = 0; i < records.size() && errors.size() < kMaxErrors; ++i) {
    const std::string name = absl::StrCat("item ", i + 1);
    if (!records[i]->is_object()) {
      errors.Add(name, "", "must be a JSON object");
      continue;
    }
    ObjectReader reader(*records[i], name, &errors);
    if (!reader.Token("schema", Presence::kRequired, {format.schema})) {
      continue;  // Another format or version: its fields mean nothing here.
    }
    HubCommand command;
    decode(reader, command);
    if (errors.size() == 0) {  // Else all-or-nothing drops it anyway.
      command.set_record(name);
      commands.push_back(std::move(command));
    }
  }
  if (errors.size() > 0) {
    size_t count = 0;
    for (const auto& error : errors.errors()) {
      if (count++ == kMaxErrors) break;
      *response.add_errors() = error;
    }
    if (errors.size() >= kMaxErrors) {
      *response.add_errors() = MakeError(
          "payload", "", absl::StrCat("stopped after ", kMaxErrors, " errors"));
    }
    return response;
  }
  for (HubCommand& command : commands) {
    *response.add_commands() = std::move(command);
  }
  return response;
}

}  // namespace rosa::plugin::json
