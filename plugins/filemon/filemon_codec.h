// The Filemon plugin: translates Safe House Filemon's filemon/1 JSON to hub
// commands (capacity reports, intake status) and placement-request events
// to filemon/1 JSON. See plugins/filemon/README.md for the mapping.
//
// Thread-safety: stateless; Decode and Encode may run on many threads.
#ifndef ROSA_PLUGINS_FILEMON_FILEMON_CODEC_H_
#define ROSA_PLUGINS_FILEMON_FILEMON_CODEC_H_

#include <string_view>

#include "plugins/sdk/plugin.h"

namespace rosa::plugin::filemon {

inline constexpr std::string_view kContentType =
    "application/vnd.filemon.v1+json";

class FilemonPlugin final : public rosa::plugin::Plugin {
 public:
  rosa::plugin::v1::PluginManifest Manifest() const override;
  rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const override;
  rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const override;
};

}  // namespace rosa::plugin::filemon

#endif  // ROSA_PLUGINS_FILEMON_FILEMON_CODEC_H_
