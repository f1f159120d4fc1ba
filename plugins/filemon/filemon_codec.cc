#include "plugins/filemon/filemon_codec.h"

#include <string>

#include "plugins/filemon/filemon_decode.h"
#include "plugins/filemon/filemon_encode.h"
#include "plugins/json_support/json_decode.h"

namespace rosa::plugin::filemon {

using rosa::plugin::v1::DecodeRequest;
using rosa::plugin::v1::DecodeResponse;
using rosa::plugin::v1::EncodeRequest;
using rosa::plugin::v1::EncodeResponse;
using rosa::plugin::v1::PluginManifest;

PluginManifest FilemonPlugin::Manifest() const {
  PluginManifest manifest;
  manifest.set_name("filemon");
  manifest.set_version("1.0.0");
  manifest.add_decodes(std::string(kContentType));
  manifest.add_encodes(std::string(kContentType));
  manifest.add_serves(rosa::hub::v1::PARTNER_KIND_SAFE_HOUSE);
  return manifest;
}

DecodeResponse FilemonPlugin::Decode(const DecodeRequest& request) const {
  const json::JsonFormat format{kContentType, "filemon/1", FilemonKnownKeys()};
  return json::DecodeJsonRecords(request, format, &DecodeFilemonRecord);
}

EncodeResponse FilemonPlugin::Encode(const EncodeRequest& request) const {
  return EncodeFilemon(request);
}

}  // namespace rosa::plugin::filemon
