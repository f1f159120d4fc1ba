// libFuzzer target for the Filemon plugin: decodes any bytes as filemon/1,
// and encodes a placement request whose text fields carry the same bytes,
// which must come out as JSON the strict parser accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/time_util.h"
#include "plugins/filemon/filemon_codec.h"
#include "plugins/json_support/strict_json.h"

namespace {

namespace v1 = rosa::hub::v1;
using rosa::plugin::filemon::FilemonPlugin;

void EncodeWith(const FilemonPlugin& plugin, const std::string& referral_id,
                const std::string& text) {
  rosa::plugin::v1::EncodeRequest request;
  v1::ReferralEvent& event = *request.mutable_event()->mutable_referral();
  event.set_kind(v1::ReferralEvent::KIND_SUBMITTED);
  v1::Referral& referral = *event.mutable_referral();
  referral.set_id(referral_id);
  referral.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  referral.set_person_ref(text);
  v1::PersonFacts& facts = *referral.mutable_facts();
  facts.set_gender(v1::GENDER_MAN);
  facts.set_age(static_cast<uint32_t>(text.size()) + 18);
  facts.set_nationality(text);
  facts.add_languages(text);
  facts.set_exploitation_form(v1::EXPLOITATION_FORM_MIXED);
  facts.add_needs(v1::NEED_INTERPRETER);
  *event.mutable_transition()->mutable_occurred_at() = rosa::ToProtoTime(
      absl::FromUnixSeconds(static_cast<int64_t>(text.size()) * 7919));
  request.mutable_contact()->set_organisation(text);
  request.mutable_contact()->set_phone(text);

  const rosa::plugin::v1::EncodeResponse response = plugin.Encode(request);
  if (response.has_error() || response.payloads_size() != 1) __builtin_trap();
  const rosa::plugin::json::StrictParseResult parsed =
      rosa::plugin::json::StrictParse(response.payloads(0).payload(), {});
  if (!parsed.ok() || parsed.document["referral"] != referral_id) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const FilemonPlugin* const plugin = new FilemonPlugin();
  const std::string input(reinterpret_cast<const char*>(data), size);

  rosa::plugin::v1::DecodeRequest request;
  request.set_content_type(std::string(rosa::plugin::filemon::kContentType));
  request.set_payload(input);
  const rosa::plugin::v1::DecodeResponse response = plugin->Decode(request);
  // All or nothing, and never both.
  if (response.errors_size() > 0 && response.commands_size() > 0) {
    __builtin_trap();
  }

  std::string referral_id = "R-2026-000200";
  for (const auto& command : response.commands()) {
    if (command.has_update_referral_status()) {
      referral_id = command.update_referral_status().referral_id();
    }
  }
  EncodeWith(*plugin, referral_id, input.substr(0, 256));
  return 0;
}
