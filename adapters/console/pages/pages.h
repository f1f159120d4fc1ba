// Every page of the console, registered on the router at start-up. To add
// a page: write pages/<name>_page.{h,cc} with one Register<Name>Page
// function, and add one line to RegisterPages in pages.cc (README.md).
// Thread-safety: call once, before the server starts.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_PAGES_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_PAGES_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterPages(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_PAGES_H_
