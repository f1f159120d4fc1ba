#include "plugins/json_support/json_decode.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/json_support/strict_json.h"
#include "plugins/sdk/media_type.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::json {

using nlohmann::json;
using rosa::plugin::v1::DecodeRequest;
using rosa::plugin::v1::DecodeResponse;
using rosa::plugin::v1::HubCommand;

DecodeResponse DecodeJsonRecords(const DecodeRequest& request,
                                 const JsonFormat& format,
                                 const RecordDecoder& decode) {
  if (!SameMediaType(request.content_type(), format.content_type)) {
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
  for (size_t i = 0; i < records.size() && errors.size() < kMaxDecodeErrors;
       ++i) {
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
      if (count++ == kMaxDecodeErrors) break;
      *response.add_errors() = error;
    }
    if (errors.size() >= kMaxDecodeErrors) {
      *response.add_errors() = MakeError(
          "payload", "",
          absl::StrCat("stopped after ", kMaxDecodeErrors, " errors"));
    }
    return response;
  }
  for (HubCommand& command : commands) {
    *response.add_commands() = std::move(command);
  }
  return response;
}

}  // namespace rosa::plugin::json
