// The lawyers' plugin: translates advokat/1 JSON events (accepted, hours
// used, applications, ...) to handoff ledger commands, and renders a new
// handoff as the handoff package - JSON and a printable HTML page. See
// plugins/advokat/README.md for the mapping.
//
// Thread-safety: stateless; Decode and Encode may run on many threads.
#ifndef ROSA_PLUGINS_ADVOKAT_ADVOKAT_CODEC_H_
#define ROSA_PLUGINS_ADVOKAT_ADVOKAT_CODEC_H_

#include <string_view>

#include "plugins/sdk/plugin.h"

namespace rosa::plugin::advokat {

// Inbound: the lawyers' events.
inline constexpr std::string_view kEventsContentType =
    "application/vnd.advokat.v1+json";
// Outbound: the handoff package, and the same as a page to print.
inline constexpr std::string_view kPackageContentType =
    "application/vnd.rosa.handoff.v1+json";
inline constexpr std::string_view kPageContentType = "text/html";

class AdvokatPlugin final : public rosa::plugin::Plugin {
 public:
  rosa::plugin::v1::PluginManifest Manifest() const override;
  rosa::plugin::v1::DecodeResponse Decode(
      const rosa::plugin::v1::DecodeRequest& request) const override;
  rosa::plugin::v1::EncodeResponse Encode(
      const rosa::plugin::v1::EncodeRequest& request) const override;
};

}  // namespace rosa::plugin::advokat

#endif  // ROSA_PLUGINS_ADVOKAT_ADVOKAT_CODEC_H_
