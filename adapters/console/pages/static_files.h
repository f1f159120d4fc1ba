// GET /static/console.css and /static/console.js: the console's style and
// its only script (live updates), from adapters/console/static/, compiled
// into the hub (no build step, no external asset). Public: the login page
// needs the style.
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_STATIC_FILES_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_STATIC_FILES_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterStaticFiles(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_STATIC_FILES_H_
