#include "plugins/ks_csv/ks_csv.h"

#include <string>

#include "plugins/ks_csv/hendelser.h"
#include "plugins/ks_csv/henvisninger.h"
#include "plugins/ks_csv/plasser.h"
#include "plugins/ks_csv/telefonlogg.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace v1 = rosa::plugin::v1;

const Profile* ProfileFor(std::string_view content_type) {
  for (const Profile* p :
       {&PlasserProfile(), &HendelserProfile(), &TelefonloggProfile()}) {
    if (p->content_type == content_type) return p;
  }
  return nullptr;
}

}  // namespace

v1::PluginManifest KsCsvPlugin::Manifest() const {
  v1::PluginManifest m;
  m.set_name("ks-csv");
  m.set_version("1.0.0");
  for (const Profile* p :
       {&PlasserProfile(), &HendelserProfile(), &TelefonloggProfile()}) {
    m.add_decodes(std::string(p->content_type));
  }
  m.add_encodes(std::string(kHenvisningerContentType));
  m.add_serves(rosa::hub::v1::PARTNER_KIND_SHELTER);
  return m;
}

v1::DecodeResponse KsCsvPlugin::Decode(const v1::DecodeRequest& request) const {
  const Profile* profile = ProfileFor(request.content_type());
  if (profile == nullptr) {
    return Reject("payload", "content_type",
                  "not a content type this plugin decodes");
  }
  return DecodeWithProfile(request.payload(), *profile);
}

v1::EncodeResponse KsCsvPlugin::Encode(const v1::EncodeRequest& request) const {
  return EncodeHenvisning(request.event());
}

}  // namespace rosa::plugin::ks_csv
