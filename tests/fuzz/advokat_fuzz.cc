// libFuzzer target for the lawyers' plugin: decodes any bytes as advokat/1
// (a decoded ledger must then encode to nothing), and renders a new handoff
// whose every text carries the same bytes: the JSON must parse strictly and
// the page must hold exactly the markup of a harmless one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "plugins/advokat/advokat_codec.h"
#include "plugins/json_support/strict_json.h"

namespace {

namespace v1 = rosa::hub::v1;
using rosa::plugin::advokat::AdvokatPlugin;

rosa::plugin::v1::EncodeRequest NewHandoff(const std::string& text) {
  rosa::plugin::v1::EncodeRequest request;
  v1::Handoff& h =
      *request.mutable_event()->mutable_handoff()->mutable_handoff();
  h.set_id("H-2026-000010");
  h.set_state(v1::HANDOFF_STATE_OFFERED);
  v1::PersonIdentity& identity = *h.mutable_identity();
  identity.set_given_name(text);
  identity.set_family_name(text);
  identity.set_birth_date(text);
  identity.set_duf_number(text);
  identity.set_phone(text);
  identity.set_contact_address(text);
  h.set_case_summary(text);
  h.set_residence_status(v1::RESIDENCE_STATUS_ASYLUM_SEEKER);
  h.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  h.add_purposes(v1::COUNSELLING_PURPOSE_POLICE_REPORT);
  h.set_granted_quarter_hours(static_cast<uint32_t>(text.size()));
  request.mutable_contact()->set_organisation(text);
  request.mutable_contact()->set_phone(text);
  return request;
}

const std::string& Page(const rosa::plugin::v1::EncodeResponse& response) {
  if (response.has_error() || response.payloads_size() != 2) __builtin_trap();
  return response.payloads(1).payload();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const AdvokatPlugin* const plugin = new AdvokatPlugin();
  const std::string input(reinterpret_cast<const char*>(data), size);

  rosa::plugin::v1::DecodeRequest request;
  request.set_content_type(
      std::string(rosa::plugin::advokat::kEventsContentType));
  request.set_payload(input);
  const rosa::plugin::v1::DecodeResponse decoded = plugin->Decode(request);
  if (decoded.errors_size() > 0 && decoded.commands_size() > 0) {
    __builtin_trap();
  }
  // A handoff with a ledger is no longer new: nothing to send.
  if (decoded.commands_size() > 0) {
    rosa::plugin::v1::EncodeRequest later = NewHandoff("x");
    v1::Handoff& h =
        *later.mutable_event()->mutable_handoff()->mutable_handoff();
    for (const auto& command : decoded.commands()) {
      *h.add_ledger()->mutable_event() = command.record_handoff_event().event();
    }
    const auto response = plugin->Encode(later);
    if (response.payloads_size() != 0 || response.has_error()) {
      __builtin_trap();
    }
  }

  const std::string text = input.substr(0, 512);
  if (text.empty()) return 0;
  const rosa::plugin::v1::EncodeResponse response =
      plugin->Encode(NewHandoff(text));
  const rosa::plugin::json::StrictParseResult parsed =
      rosa::plugin::json::StrictParse(response.payloads(0).payload(), {});
  if (!parsed.ok()) __builtin_trap();
  // Same hours, harmless text: the page's markup must be the same.
  rosa::plugin::v1::EncodeRequest harmless = NewHandoff("x");
  harmless.mutable_event()
      ->mutable_handoff()
      ->mutable_handoff()
      ->set_granted_quarter_hours(static_cast<uint32_t>(text.size()));
  const rosa::plugin::v1::EncodeResponse harmless_response =
      plugin->Encode(harmless);
  const std::string& page = Page(response);
  const std::string& reference = Page(harmless_response);
  for (char c : {'<', '>', '"', '\''}) {
    if (std::count(page.begin(), page.end(), c) !=
        std::count(reference.begin(), reference.end(), c)) {
      __builtin_trap();
    }
  }
  return 0;
}
