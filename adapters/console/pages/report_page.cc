#include "adapters/console/pages/report_page.h"

#include <httplib.h>

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "common/time_util.h"
#include "hub/report/report_desk.h"
#include "hub/report/report_html.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

// The report document's own policy: the strict console policy, except
// that the renderer's inline styles are allowed. Still no script at all.
constexpr char kReportPolicy[] =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"report", {"Årsrapport", "Annual report"}},
      {"year", {"År", "Year"}},
      {"edition", {"Utgave", "Edition"}},
      {"internal", {"Intern (alle tall)", "Internal (every figure)"}},
      {"published",
       {"Til publisering (små tall skjult)",
        "For publication (small cells hidden)"}},
      {"show", {"Vis", "Show"}},
      {"ready", {"Årsrapporten er klar:", "The annual report is ready:"}},
      {"open", {"Åpne årsrapporten for", "Open the annual report for"}},
  };
  return *kWords;
}

std::string Word(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

int CurrentYear(const PageContext& ctx) {
  return static_cast<int>(
      absl::ToCivilYear(ctx.desks.clock->Now(), OsloTimeZone()).year());
}

// Fills `request` from the query: no year asks for last year's report, no
// edition for the internal one. An edition other than internal or
// published, or a year that is not a whole number, is INVALID_ARGUMENT here
// (the request keeps last year, for the form); its range is the desk's (one
// home: CheckReportYear).
absl::Status RequestOf(const PageContext& ctx,
                       v1::GetAnnualReportRequest& request) {
  request.set_year(CurrentYear(ctx) - 1);
  const std::string edition = ctx.Param("edition");
  request.set_edition(edition == "published" ? v1::REPORT_EDITION_PUBLISHED
                                             : v1::REPORT_EDITION_INTERNAL);
  // An edition mistyped must not quietly give every figure.
  if (!edition.empty() && edition != "published" && edition != "internal") {
    return absl::InvalidArgumentError("edition: must be internal or published");
  }
  const std::string year = ctx.Param("year");
  if (year.empty()) return absl::OkStatus();
  int value = 0;
  if (!absl::SimpleAtoi(year, &value)) {
    return absl::InvalidArgumentError("year: must be a whole number");
  }
  request.set_year(value);
  return absl::OkStatus();
}

// The report `r` asks for, or RequestOf's refusal `parsed`.
absl::StatusOr<v1::AnnualReport> Load(PageContext& ctx,
                                      const absl::Status& parsed,
                                      const v1::GetAnnualReportRequest& r) {
  if (!parsed.ok()) return parsed;
  return AwaitDesk<v1::AnnualReport>([&](auto done) {
    ctx.desks.reports->GetAnnualReport(*ctx.acting, r, std::move(done));
  });
}

std::string Form(const PageContext& ctx, const v1::GetAnnualReportRequest& r) {
  const bool published = r.edition() == v1::REPORT_EDITION_PUBLISHED;
  return absl::StrCat(
      "<form id=\"report-form\" method=\"get\" action=\"/report\">",
      InputRow("year", "year", Word(ctx, "year"),
               absl::StrCat(" type=\"number\" inputmode=\"numeric\" required",
                            ValueAttr(absl::StrCat(r.year())))),
      SelectRow(
          "edition", "edition", Word(ctx, "edition"),
          absl::StrCat(Option("internal", Word(ctx, "internal"), !published),
                       Option("published", Word(ctx, "published"), published))),
      "<p><button type=\"submit\">", Word(ctx, "show"), "</button></p></form>");
}

void GetReport(PageContext& ctx) {
  if (!ctx.IsCoordinator()) return SendNotFound(ctx);
  v1::GetAnnualReportRequest request;
  const absl::Status parsed = RequestOf(ctx, request);
  std::string main = Form(ctx, request);
  int status = 200;
  if (!ctx.Param("year").empty()) {
    absl::StatusOr<v1::AnnualReport> report = Load(ctx, parsed, request);
    if (report.ok()) {
      const std::string query = absl::StrCat(
          "year=", request.year(), "&edition=",
          request.edition() == v1::REPORT_EDITION_PUBLISHED ? "published"
                                                            : "internal");
      absl::StrAppend(&main, "<p id=\"report-ready\" role=\"status\">",
                      Word(ctx, "ready"),
                      " <a id=\"report-open\" "
                      "href=\"/report/view?",
                      Escape(query), "\">", Word(ctx, "open"), " ",
                      request.year(), "</a></p>");
    } else {
      // The desk names the field and the reason ("year: ...").
      status = absl::IsInvalidArgument(report.status()) ? 400 : 500;
      absl::StrAppend(
          &main,
          "<p id=\"report-error\" class=\"error\" "
          "role=\"alert\">",
          Escape(status == 400 ? std::string(report.status().message())
                               : Text(ctx.lang, "error")),
          "</p>");
    }
  }
  SendPage(ctx, Text(Words(), ctx.lang, "report"), main, status);
}

void GetReportView(PageContext& ctx) {
  if (!ctx.IsCoordinator()) return SendNotFound(ctx);
  v1::GetAnnualReportRequest request;
  const absl::Status parsed = RequestOf(ctx, request);
  absl::StatusOr<v1::AnnualReport> report = Load(ctx, parsed, request);
  // A bad year answers as the form does: 400 with p#report-error.
  if (absl::IsInvalidArgument(report.status())) return GetReport(ctx);
  if (!report.ok()) return SendNotFound(ctx);
  ctx.response.headers.erase("Content-Security-Policy");
  ctx.response.set_header("Content-Security-Policy", kReportPolicy);
  ctx.response.set_content(report::ReportToHtml(*report),
                           "text/html; charset=utf-8");
}

}  // namespace

void RegisterReportPage(Router& router) {
  router.Get("/report", Access::kSession, GetReport);
  router.Get("/report/view", Access::kSession, GetReportView);
  router.AddNav({"/report", "report", Audience::kCoordinator});
}

}  // namespace rosa::console
