#include "plugins/rosa_native/rosa_native.h"

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "plugins/rosa_native/content_type.h"
#include "plugins/rosa_native/unknown_fields.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::rosa_native {
namespace {

namespace pv1 = rosa::plugin::v1;

// A sender's own record label is repeated by the core in its errors and
// logs: it must be a short position label, not text that could carry data.
constexpr size_t kMaxRecordLabel = 64;

bool IsRecordLabel(std::string_view s) {
  if (s.empty() || s.size() > kMaxRecordLabel) return false;
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace

pv1::PluginManifest RosaNativePlugin::Manifest() const {
  pv1::PluginManifest manifest;
  manifest.set_name("rosa-native");
  manifest.set_version("1.0.0");
  manifest.add_decodes(std::string(kCommandBatchType));
  manifest.add_encodes(std::string(kEventType));
  manifest.add_serves(rosa::hub::v1::PARTNER_KIND_COORDINATOR);
  return manifest;
}

pv1::DecodeResponse RosaNativePlugin::Decode(
    const pv1::DecodeRequest& request) const {
  if (!SameMediaType(request.content_type(), kCommandBatchType)) {
    return Reject("payload", "",
                  "this plugin reads only " + std::string(kCommandBatchType));
  }
  pv1::CommandBatch batch;
  if (!batch.ParseFromString(request.payload())) {
    return Reject("payload", "", "not a rosa.plugin.v1.CommandBatch");
  }
  if (batch.commands_size() == 0) {
    return Reject("payload", "", "the batch holds no command");
  }
  if (!batch.GetReflection()->GetUnknownFields(batch).empty()) {
    return Reject("payload", "",
                  "the batch has fields this hub's protos do not define");
  }

  pv1::DecodeResponse response;
  for (int i = 0; i < batch.commands_size(); ++i) {
    pv1::HubCommand& command = *batch.mutable_commands(i);
    const std::string record = absl::StrCat("command ", i + 1);
    bool ok = true;
    if (command.command_case() == pv1::HubCommand::COMMAND_NOT_SET) {
      *response.add_errors() = MakeError(record, "command", "no command set");
      ok = false;
    }
    for (const UnknownContent& unknown : FindUnknownContent(command)) {
      *response.add_errors() = MakeError(record, unknown.path, unknown.reason);
      ok = false;
    }
    if (command.record().empty()) {
      command.set_record(record);
    } else if (!IsRecordLabel(command.record())) {
      *response.add_errors() =
          MakeError(record, "record",
                    "must be 1 to 64 printable ASCII characters naming a "
                    "position, like \"command 3\"");
      ok = false;
    }
    if (ok) *response.add_commands() = std::move(command);
  }
  if (response.errors_size() > 0) response.clear_commands();
  return response;
}

pv1::EncodeResponse RosaNativePlugin::Encode(
    const pv1::EncodeRequest& request) const {
  pv1::EncodeResponse response;
  pv1::EncodedPayload& payload = *response.add_payloads();
  payload.set_content_type(std::string(kEventType));
  payload.set_payload(request.event().SerializeAsString());
  payload.set_name(absl::StrCat("event-", request.event().cursor()));
  return response;
}

}  // namespace rosa::plugin::rosa_native
