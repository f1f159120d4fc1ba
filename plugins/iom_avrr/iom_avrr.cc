#include "plugins/iom_avrr/iom_avrr.h"

#include <libxml/parser.h>

#include <string>

#include "plugins/iom_avrr/avrr_decoder.h"
#include "plugins/iom_avrr/content_type.h"
#include "plugins/iom_avrr/referral_encoder.h"
#include "plugins/iom_avrr/safe_xml.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::iom_avrr {
namespace {

namespace pv1 = rosa::plugin::v1;

}  // namespace

IomAvrrPlugin::IomAvrrPlugin() { xmlInitParser(); }

pv1::PluginManifest IomAvrrPlugin::Manifest() const {
  pv1::PluginManifest manifest;
  manifest.set_name("iom-avrr");
  manifest.set_version("1.0.0");
  manifest.add_decodes(std::string(kContentType));
  manifest.add_encodes(std::string(kContentType));
  manifest.add_serves(rosa::hub::v1::PARTNER_KIND_ASSISTED_RETURN);
  return manifest;
}

pv1::DecodeResponse IomAvrrPlugin::Decode(
    const pv1::DecodeRequest& request) const {
  if (!SameMediaType(request.content_type(), kContentType)) {
    return Reject("payload", "",
                  "this plugin reads only " + std::string(kContentType));
  }
  SafeParse parsed = ParseSafely(request.payload());
  if (parsed.doc == nullptr) {
    pv1::DecodeResponse response;
    *response.add_errors() = std::move(parsed.error);
    return response;
  }
  return DecodeAvrrDocument(*parsed.doc);
}

pv1::EncodeResponse IomAvrrPlugin::Encode(
    const pv1::EncodeRequest& request) const {
  return EncodeEvent(request);
}

}  // namespace rosa::plugin::iom_avrr
