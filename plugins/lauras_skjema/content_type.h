// The content type this plugin speaks; compare a request's with
// SameMediaType (plugins/sdk/media_type.h).
// Thread-safety: constants.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_CONTENT_TYPE_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_CONTENT_TYPE_H_

#include <string_view>

#include "plugins/sdk/media_type.h"  // SameMediaType

namespace rosa::plugin::lauras_skjema {

inline constexpr std::string_view kContentType =
    "text/plain; profile=lauras-skjema-1";

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_CONTENT_TYPE_H_
