// The content type this plugin speaks; compare a request's with
// SameMediaType (plugins/sdk/media_type.h).
// Thread-safety: constants.
#ifndef ROSA_PLUGINS_IOM_AVRR_CONTENT_TYPE_H_
#define ROSA_PLUGINS_IOM_AVRR_CONTENT_TYPE_H_

#include <string_view>

#include "plugins/sdk/media_type.h"  // SameMediaType

namespace rosa::plugin::iom_avrr {

inline constexpr std::string_view kContentType =
    "application/xml; profile=iom-avrr-1";

}  // namespace rosa::plugin::iom_avrr

#endif  // ROSA_PLUGINS_IOM_AVRR_CONTENT_TYPE_H_
