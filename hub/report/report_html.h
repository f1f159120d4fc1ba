// The annual report as one printable, self-contained HTML page: no
// scripts, no external assets (styles inline), headings in Norwegian and
// English, every table, and inline SVG bar charts for callers (1.2, 1.3),
// nationalities (1.5, 2.3), age groups over three years (2.4) and accepted
// assistance (1.6), each next to the table holding its numbers. Every text
// is HTML-escaped.
// Thread-safety: pure function.
#ifndef ROSA_HUB_REPORT_REPORT_HTML_H_
#define ROSA_HUB_REPORT_REPORT_HTML_H_

#include <string>

#include "rosa/hub/v1/report.pb.h"

namespace rosa::report {

std::string ReportToHtml(const rosa::hub::v1::AnnualReport& report);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_HTML_H_
