// The handoff package as a printable HTML page (text/html), in Norwegian for
// the lawyer's file. A self-contained document: UTF-8, an inline style for
// screen and paper, and a Content-Security-Policy that forbids scripts and
// every fetch. Every value on it is HtmlEscape()d.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_ADVOKAT_HANDOFF_PAGE_H_
#define ROSA_PLUGINS_ADVOKAT_HANDOFF_PAGE_H_

#include <string>

#include "plugins/advokat/handoff_package.h"

namespace rosa::plugin::advokat {

std::string RenderHandoffPage(const HandoffPackage& package);

}  // namespace rosa::plugin::advokat

#endif  // ROSA_PLUGINS_ADVOKAT_HANDOFF_PAGE_H_
