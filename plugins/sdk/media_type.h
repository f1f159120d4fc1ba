// The one tolerant comparison of media types every plugin uses to check the
// content type it is handed: spaces around ";" and "=", the case of the
// type and of parameter names, and quotes around parameter values do not
// matter (parameter values are compared exactly), and a charset parameter
// may be added as long as it says UTF-8. Nothing else may be added.
//
// Example:
//   SameMediaType("Application/XML ; Profile=iom-avrr-1; charset=utf-8",
//                 "application/xml; profile=iom-avrr-1")  // true
//
// Thread-safety: pure function.
#ifndef ROSA_PLUGINS_SDK_MEDIA_TYPE_H_
#define ROSA_PLUGINS_SDK_MEDIA_TYPE_H_

#include <string_view>

namespace rosa::plugin {

// True when `got` names the same media type as `want`.
bool SameMediaType(std::string_view got, std::string_view want);

}  // namespace rosa::plugin

#endif  // ROSA_PLUGINS_SDK_MEDIA_TYPE_H_
