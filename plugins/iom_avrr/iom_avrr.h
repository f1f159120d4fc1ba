// The iom-avrr plugin: IOM's assisted-voluntary-return case updates (XML) to
// hub commands, and the hub's assisted-return referrals to AvrrReferral
// documents (formats README, section 4). safe_xml parses with DTDs,
// entities, network access and XInclude refused; avrr_decoder reads the
// cases; referral_encoder writes the referrals.
//
// Thread-safety: stateless; Decode and Encode are const and reentrant. The
// constructor initialises libxml2 (xmlInitParser), which must happen once
// before threads use it: ROSA_PLUGIN builds the instance on first use, under
// the function-local static's lock, never in a static constructor.
#ifndef ROSA_PLUGINS_IOM_AVRR_IOM_AVRR_H_
#define ROSA_PLUGINS_IOM_AVRR_IOM_AVRR_H_

#include "plugins/sdk/plugin.h"

namespace rosa::plugin::iom_avrr {

class IomAvrrPlugin : public rosa::plugin::Plugin {
 public:
  IomAvrrPlugin();

  rosa::plugin::v1::PluginManifest Manifest() const override;
  rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const override;
  rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const override;
};

}  // namespace rosa::plugin::iom_avrr

#endif  // ROSA_PLUGINS_IOM_AVRR_IOM_AVRR_H_
