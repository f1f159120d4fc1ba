// The content type this plugin speaks, and a tolerant comparison of media
// types: spaces around ";" and "=", the case of the type and of parameter
// names, and quotes around parameter values do not matter, and a charset
// parameter may be added as long as it says UTF-8.
// Thread-safety: pure functions and constants.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_CONTENT_TYPE_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_CONTENT_TYPE_H_

#include <string_view>

#include "plugins/sdk/media_type.h"  // SameMediaType

namespace rosa::plugin::lauras_skjema {

inline constexpr std::string_view kContentType =
    "text/plain; profile=lauras-skjema-1";

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_CONTENT_TYPE_H_
