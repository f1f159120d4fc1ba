// The content type this plugin speaks, and a tolerant comparison of media
// types: spaces around ";" and "=", the case of the type and of parameter
// names, and quotes around parameter values do not matter, and a charset
// parameter may be added as long as it says UTF-8.
// Thread-safety: pure functions and constants.
#ifndef ROSA_PLUGINS_IOM_AVRR_CONTENT_TYPE_H_
#define ROSA_PLUGINS_IOM_AVRR_CONTENT_TYPE_H_

#include <string_view>

namespace rosa::plugin::iom_avrr {

inline constexpr std::string_view kContentType =
    "application/xml; profile=iom-avrr-1";

// True when `got` names the same media type as `want` (written as above).
bool SameContentType(std::string_view got, std::string_view want);

}  // namespace rosa::plugin::iom_avrr

#endif  // ROSA_PLUGINS_IOM_AVRR_CONTENT_TYPE_H_
