// The ks-csv plugin: crisis centres' semicolon-separated files (formats
// README section 1, and the hotline log of section 6). Decodes the plasser,
// hendelser and telefonlogg profiles into hub commands and renders referral
// events as a henvisninger list.
//
// Thread-safety: stateless; Decode and Encode may run on many threads.
#ifndef ROSA_PLUGINS_KS_CSV_KS_CSV_H_
#define ROSA_PLUGINS_KS_CSV_KS_CSV_H_

#include <cstddef>

#include "plugins/sdk/plugin.h"

namespace rosa::plugin::ks_csv {

class KsCsvPlugin : public rosa::plugin::Plugin {
 public:
  rosa::plugin::v1::PluginManifest Manifest() const override;
  rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const override;
  rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const override;
};

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_KS_CSV_H_
