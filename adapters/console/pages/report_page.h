// The report page (/report, ROSA only, as the gRPC ReportService): choose a
// year and an edition (internal: every figure; published: small cells
// suppressed), then open the annual report rendered by hub/report's HTML
// renderer with its charts (/report/view). The rendered report is a
// self-contained printable document with inline styles and inline SVG
// charts and no script; its response alone allows inline style (never
// script) in its Content-Security-Policy. Anyone else gets the not-found
// page.
// Thread-safety: register before the server starts.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_REPORT_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_REPORT_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterReportPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_REPORT_PAGE_H_
