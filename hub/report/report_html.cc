#include "hub/report/report_html.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "hub/common/html_escape.h"
#include "hub/report/report_csv.h"
#include "hub/report/report_json.h"

namespace rosa::report {
namespace {

namespace v1 = rosa::hub::v1;

bool IsSummaryRow(const v1::ReportRow& row) {
  return row.key() == "total" || row.key() == "distinct_nationalities" ||
         row.key() == "share_accepted" || row.key() == "mean" ||
         row.key() == "youngest" || row.key() == "oldest";
}

// Horizontal bars, one per row (and per column when there are several),
// most at the top as the table orders them. A suppressed cell gets no bar,
// only its "<3".
std::string BarChart(const v1::ReportTable& t) {
  constexpr int kLabel = 220, kBar = 360, kRow = 18;
  const std::vector<const char*> colours = {"#1f5f8b", "#7fa7c9", "#c9d9e8"};
  std::vector<const v1::ReportRow*> rows;
  double max = 0;
  for (const v1::ReportRow& r : t.rows()) {
    if (IsSummaryRow(r)) continue;
    rows.push_back(&r);
    for (const v1::ReportCell& c : r.cells()) {
      if (c.has_count()) max = std::max(max, static_cast<double>(c.count()));
    }
  }
  const int series = std::min<int>(t.columns_size(), 3);
  const int height = static_cast<int>(rows.size()) * kRow * series + 10;
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "role=\"img\" aria-label=\"%s\">\n",
      kLabel + kBar + 60, height, HtmlEscape(t.title_en()));
  int y = 5;
  for (const v1::ReportRow* r : rows) {
    for (int s = 0; s < series; ++s) {
      const v1::ReportCell& c = r->cells(s);
      const std::string label =
          s == 0 ? HtmlEscape(absl::StrCat(r->label_no(), " / ", r->label_en()))
                 : "";
      absl::StrAppendFormat(
          &svg,
          "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
          "text-anchor=\"end\">%s%s</text>\n",
          kLabel - 6, y + 12, label,
          series > 1 ? HtmlEscape(absl::StrCat(" ", t.columns(s))) : "");
      const int width =
          c.has_count() && max > 0
              ? static_cast<int>(kBar * static_cast<double>(c.count()) / max)
              : 0;
      absl::StrAppendFormat(&svg,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
                            "height=\"%d\" fill=\"%s\"/>\n",
                            kLabel, y + 2, width, kRow - 4, colours[s]);
      absl::StrAppendFormat(&svg,
                            "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s"
                            "</text>\n",
                            kLabel + width + 4, y + 12,
                            HtmlEscape(CellText(c)));
      y += kRow;
    }
  }
  return svg + "</svg>\n";
}

std::string TableHtml(const v1::ReportTable& t) {
  std::string html = "<table>\n<thead><tr><th></th>";
  for (const std::string& c : t.columns()) {
    absl::StrAppend(&html, "<th>", HtmlEscape(c), "</th>");
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const v1::ReportRow& r : t.rows()) {
    absl::StrAppend(&html, "<tr", IsSummaryRow(r) ? " class=\"sum\"" : "",
                    "><th scope=\"row\">", HtmlEscape(r.label_no()), " / ",
                    HtmlEscape(r.label_en()), "</th>");
    for (const v1::ReportCell& c : r.cells()) {
      absl::StrAppend(&html, "<td>", HtmlEscape(CellText(c)), "</td>");
    }
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

}  // namespace

std::string ReportToHtml(const v1::AnnualReport& report) {
  static const std::set<std::string> kCharted = {"1.2", "1.3", "1.5",
                                                 "1.6", "2.3", "2.4"};
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"no\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>ROSA årsrapport / annual report ",
      report.year(),
      "</title>\n<style>\n"
      "body{font-family:sans-serif;max-width:60em;margin:2em auto;}\n"
      "table{border-collapse:collapse;margin:0.5em 0 1.5em;}\n"
      "th,td{border:1px solid #999;padding:0.2em 0.6em;text-align:right;}\n"
      "th[scope=row]{text-align:left;font-weight:normal;}\n"
      "tr.sum{font-weight:bold;}\n"
      "section{page-break-inside:avoid;}\n"
      "</style>\n</head>\n<body>\n<h1>ROSA årsrapport ",
      report.year(), " / ROSA annual report ", report.year(), "</h1>\n<p>",
      report.edition() == v1::REPORT_EDITION_PUBLISHED
          ? "Publisert utgave: tall under 3 vises som «&lt;3». / Published "
            "edition: figures below 3 show as \"&lt;3\"."
          : "Intern utgave: alle tall. / Internal edition: every figure.",
      "</p>\n");
  for (const v1::ReportTable& t : report.tables()) {
    absl::StrAppend(&html, "<section id=\"table-", HtmlEscape(t.id()),
                    "\">\n<h2>", HtmlEscape(t.id()), " ",
                    HtmlEscape(t.title_no()), " / ", HtmlEscape(t.title_en()),
                    "</h2>\n", TableHtml(t));
    if (kCharted.count(t.id())) {
      absl::StrAppend(&html, "<figure>\n", BarChart(t), "</figure>\n");
    }
    html += "</section>\n";
  }
  if (report.warnings_size() > 0) {
    html += "<h2>Datakontroll / Data checks</h2>\n<ul>\n";
    for (const v1::DataWarning& w : report.warnings()) {
      absl::StrAppend(&html, "<li>", w.count(), " ", HtmlEscape(w.message()),
                      "</li>\n");
    }
    html += "</ul>\n";
  }
  return html + "</body>\n</html>\n";
}

}  // namespace rosa::report
