// libFuzzer target for the lauras-skjema plugin: the form decoder on any
// bytes, and the outbound forms with the input as free text, checking that
// no value can break out of its line.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plugins/lauras_skjema/content_type.h"
#include "plugins/lauras_skjema/form_reader.h"
#include "plugins/lauras_skjema/lauras_skjema.h"
#include "plugins/sdk/text.h"

namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;
using rosa::plugin::lauras_skjema::LaurasSkjemaPlugin;

const LaurasSkjemaPlugin& Plugin() {
  static const LaurasSkjemaPlugin* plugin = new LaurasSkjemaPlugin();
  return *plugin;
}

// Encodes `event` and checks the result reads back as exactly one form of
// `min_keys` to `max_keys` keys.
void CheckOneForm(const pv1::EncodeRequest& request, size_t min_keys,
                  size_t max_keys) {
  const pv1::EncodeResponse response = Plugin().Encode(request);
  if (response.payloads_size() != 1) std::abort();
  const auto read =
      rosa::plugin::lauras_skjema::ReadForms(response.payloads(0).payload());
  if (!read.errors.empty() || read.forms.size() != 1) std::abort();
  const size_t keys = read.forms[0].fields.size();
  if (keys < min_keys || keys > max_keys) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  pv1::DecodeRequest decode;
  decode.set_content_type(
      std::string(rosa::plugin::lauras_skjema::kContentType));
  decode.set_payload(input);
  const pv1::DecodeResponse decoded = Plugin().Decode(decode);
  // All-or-nothing, and something is always said.
  if (decoded.errors_size() > 0 && decoded.commands_size() > 0) std::abort();
  if (decoded.errors_size() == 0 && decoded.commands_size() == 0) std::abort();

  if (!rosa::plugin::IsValidUtf8(input)) return 0;
  pv1::EncodeRequest request;
  request.mutable_event()->set_cursor(1);
  hv1::ReferralEvent& event = *request.mutable_event()->mutable_referral();
  event.set_kind(hv1::ReferralEvent::KIND_SUBMITTED);
  hv1::Referral& referral = *event.mutable_referral();
  referral.set_id("R-2026-000300");
  referral.set_type(hv1::REFERRAL_TYPE_PLACEMENT);
  referral.set_sender("rosa");
  referral.mutable_facts()->set_nationality(input);
  referral.mutable_facts()->add_languages(input);
  referral.mutable_facts()->set_age(static_cast<uint32_t>(size));
  event.mutable_transition()->set_actor("rosa");
  event.mutable_transition()->mutable_occurred_at()->set_seconds(
      1700000000 + static_cast<int64_t>(size) * 3607);
  request.mutable_contact()->set_organisation(input);
  request.mutable_contact()->set_phone("+47 22 33 11 60");
  CheckOneForm(request, 11, 11);

  event.set_kind(hv1::ReferralEvent::KIND_STATUS_CHANGED);
  event.mutable_transition()->set_to(hv1::REFERRAL_STATE_CANCELLED);
  event.mutable_transition()->set_reason(input);
  CheckOneForm(request, 3, 4);
  return 0;
}
