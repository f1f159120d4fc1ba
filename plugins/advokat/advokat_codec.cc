#include "plugins/advokat/advokat_codec.h"

#include <string>

#include "plugins/advokat/advokat_decode.h"
#include "plugins/advokat/handoff_package.h"
#include "plugins/json_support/json_decode.h"

namespace rosa::plugin::advokat {

using rosa::plugin::v1::DecodeRequest;
using rosa::plugin::v1::DecodeResponse;
using rosa::plugin::v1::EncodeRequest;
using rosa::plugin::v1::EncodeResponse;
using rosa::plugin::v1::PluginManifest;

PluginManifest AdvokatPlugin::Manifest() const {
  PluginManifest manifest;
  manifest.set_name("advokat");
  manifest.set_version("1.0.0");
  manifest.add_decodes(std::string(kEventsContentType));
  manifest.add_encodes(std::string(kPackageContentType));
  manifest.add_encodes(std::string(kPageContentType));
  manifest.add_serves(rosa::hub::v1::PARTNER_KIND_LEGAL_COUNSEL);
  return manifest;
}

DecodeResponse AdvokatPlugin::Decode(const DecodeRequest& request) const {
  const json::JsonFormat format{kEventsContentType, "advokat/1",
                                AdvokatKnownKeys()};
  return json::DecodeJsonRecords(request, format, &DecodeAdvokatRecord);
}

EncodeResponse AdvokatPlugin::Encode(const EncodeRequest& request) const {
  return EncodeHandoff(request);
}

}  // namespace rosa::plugin::advokat
