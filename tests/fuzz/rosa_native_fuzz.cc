// libFuzzer target for the rosa-native plugin: the CommandBatch checks on
// any bytes, and re-encoding what it accepts.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "google/protobuf/stubs/logging.h"
#include "plugins/rosa_native/content_type.h"
#include "plugins/rosa_native/rosa_native.h"

namespace {

namespace pv1 = rosa::plugin::v1;
using rosa::plugin::rosa_native::RosaNativePlugin;

const RosaNativePlugin& Plugin() {
  static const RosaNativePlugin* plugin = [] {
    // protobuf logs a line for every string that is not UTF-8; the
    // fuzzer makes many.
    google::protobuf::SetLogHandler(nullptr);
    return new RosaNativePlugin();
  }();
  return *plugin;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pv1::DecodeRequest decode;
  decode.set_content_type(
      std::string(rosa::plugin::rosa_native::kCommandBatchType));
  decode.set_payload(reinterpret_cast<const char*>(data), size);
  const pv1::DecodeResponse decoded = Plugin().Decode(decode);
  if (decoded.errors_size() > 0 && decoded.commands_size() > 0) std::abort();
  if (decoded.errors_size() == 0 && decoded.commands_size() == 0) std::abort();
  for (const pv1::HubCommand& command : decoded.commands()) {
    if (command.record().empty() ||
        command.command_case() == pv1::HubCommand::COMMAND_NOT_SET) {
      std::abort();
    }
  }

  // Whatever parses as an Event goes out as the same bytes' meaning.
  pv1::EncodeRequest encode;
  if (encode.mutable_event()->ParseFromArray(data, static_cast<int>(size))) {
    const pv1::EncodeResponse encoded = Plugin().Encode(encode);
    if (encoded.payloads_size() != 1) std::abort();
    rosa::hub::v1::Event back;
    if (!back.ParseFromString(encoded.payloads(0).payload())) std::abort();
  }
  return 0;
}
