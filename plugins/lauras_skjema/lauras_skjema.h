// The lauras-skjema plugin: Lauras hus's plain-text status and capacity
// forms to hub commands, and placement requests and cancellations back to
// forms (formats README, section 3). The work is done in form_reader (syntax),
// form_decoder (meaning) and event_encoder (outbound); this class checks the
// envelope: content type, UTF-8, byte-order mark, size.
//
// Thread-safety: stateless; Decode and Encode are const and reentrant.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_H_

#include "plugins/sdk/plugin.h"

namespace rosa::plugin::lauras_skjema {

class LaurasSkjemaPlugin : public rosa::plugin::Plugin {
 public:
  rosa::plugin::v1::PluginManifest Manifest() const override;
  rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const override;
  rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const override;
};

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_LAURAS_SKJEMA_H_
