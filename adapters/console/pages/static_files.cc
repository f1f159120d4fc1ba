#include "adapters/console/pages/static_files.h"

#include <httplib.h>

#include "adapters/console/console_static_data.h"

namespace rosa::console {

void RegisterStaticFiles(Router& router) {
  router.Get("/static/console.css", Access::kPublic, [](PageContext& ctx) {
    ctx.response.set_content(kConsoleCss, "text/css; charset=utf-8");
  });
  router.Get("/static/console.js", Access::kPublic, [](PageContext& ctx) {
    ctx.response.set_content(kConsoleJs, "text/javascript; charset=utf-8");
  });
}

}  // namespace rosa::console
