#include "plugins/sdk/text.h"

#include <cstdint>
#include <string>
#include <utility>

namespace rosa::plugin {

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

std::string_view WithoutBom(std::string_view s) {
  if (s.starts_with(kUtf8Bom)) s.remove_prefix(kUtf8Bom.size());
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

rosa::plugin::v1::RecordError MakeError(std::string record, std::string field,
                                        std::string reason) {
  rosa::plugin::v1::RecordError e;
  e.set_record(std::move(record));
  e.set_field(std::move(field));
  e.set_reason(std::move(reason));
  return e;
}

namespace {

// Keeps the first kMaxDecodeErrors of `list` and one entry saying how many
// more there were, when there are more than kMaxDecodeErrors + 1.
void Cap(
    google::protobuf::RepeatedPtrField<rosa::plugin::v1::RecordError>& list,
    const char* what) {
  const int keep = static_cast<int>(kMaxDecodeErrors);
  if (list.size() <= keep + 1) return;
  const int left_out = list.size() - keep;
  list.DeleteSubrange(keep, left_out);
  *list.Add() =
      MakeError("payload", "",
                "stopped after " + std::to_string(keep) + " " + what + "; " +
                    std::to_string(left_out) + " more not listed");
}

}  // namespace

rosa::plugin::v1::DecodeResponse CapDecodeResponse(
    rosa::plugin::v1::DecodeResponse response) {
  Cap(*response.mutable_errors(), "errors");
  Cap(*response.mutable_warnings(), "warnings");
  return response;
}

rosa::plugin::v1::DecodeResponse Reject(std::string record, std::string field,
                                        std::string reason) {
  rosa::plugin::v1::DecodeResponse response;
  *response.add_errors() =
      MakeError(std::move(record), std::move(field), std::move(reason));
  return response;
}

std::string EventRecord(const rosa::hub::v1::Event& event) {
  return "event " + std::to_string(event.cursor());
}

rosa::plugin::v1::EncodeResponse RefuseEvent(const rosa::hub::v1::Event& event,
                                             std::string field,
                                             std::string reason) {
  rosa::plugin::v1::EncodeResponse response;
  *response.mutable_error() =
      MakeError(EventRecord(event), std::move(field), std::move(reason));
  return response;
}

}  // namespace rosa::plugin
