#include "plugins/lauras_skjema/lauras_skjema.h"

#include <string>
#include <string_view>

#include "plugins/lauras_skjema/content_type.h"
#include "plugins/lauras_skjema/event_encoder.h"
#include "plugins/lauras_skjema/form_decoder.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::lauras_skjema {
namespace {

namespace pv1 = rosa::plugin::v1;

}  // namespace

pv1::PluginManifest LaurasSkjemaPlugin::Manifest() const {
  pv1::PluginManifest manifest;
  manifest.set_name("lauras-skjema");
  manifest.set_version("1.0.0");
  manifest.add_decodes(std::string(kContentType));
  manifest.add_encodes(std::string(kContentType));
  manifest.add_serves(rosa::hub::v1::PARTNER_KIND_REINFORCED_HOUSING);
  return manifest;
}

pv1::DecodeResponse LaurasSkjemaPlugin::Decode(
    const pv1::DecodeRequest& request) const {
  if (!SameMediaType(request.content_type(), kContentType)) {
    return Reject("payload", "",
                  "this plugin reads only " + std::string(kContentType));
  }
  std::string_view text = request.payload();
  if (!IsValidUtf8(text)) {
    // Name the first bad line, so the sender can find it.
    int line = 1;
    for (size_t pos = 0; pos <= text.size(); ++line) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      if (!IsValidUtf8(text.substr(pos, end - pos))) break;
      pos = end + 1;
    }
    return Reject("line " + std::to_string(line), "", "not valid UTF-8");
  }
  return DecodeForms(WithoutBom(text));
}

pv1::EncodeResponse LaurasSkjemaPlugin::Encode(
    const pv1::EncodeRequest& request) const {
  return EncodeEvent(request);
}

}  // namespace rosa::plugin::lauras_skjema
