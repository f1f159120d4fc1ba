#include "hub/report/report_desk.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "hub/report/annual_report.h"
#include "hub/report/report_query.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::Status CheckReportYear(int year, absl::Time now) {
  const int current = absl::ToCivilYear(now, OsloTimeZone()).year();
  if (year < kFirstReportYear || year > current) {
    return absl::InvalidArgumentError(absl::StrCat(
        "year: must be ", kFirstReportYear, " to the current year"));
  }
  return absl::OkStatus();
}

void ReportDesk::GetAnnualReport(const Partner& caller,
                                 const v1::GetAnnualReportRequest& request,
                                 Done done) {
  if (!caller.is_coordinator()) {
    done(absl::PermissionDeniedError("only ROSA reads the annual report"));
    return;
  }
  if (absl::Status s = CheckReportYear(request.year(), clock_->Now());
      !s.ok()) {
    done(s);
    return;
  }
  if (!v1::ReportEdition_IsValid(request.edition())) {
    done(absl::InvalidArgumentError(
        absl::StrCat("edition: unknown value ", request.edition())));
    return;
  }
  const v1::ReportEdition edition =
      request.edition() == v1::REPORT_EDITION_UNSPECIFIED
          ? v1::REPORT_EDITION_INTERNAL
          : request.edition();
  db_->readers().Submit([this, year = request.year(), edition,
                         done = std::move(done)](store::Connection& conn) {
    auto input = report::LoadReportInput(conn, *registry_, year);
    if (!input.ok()) {
      done(input.status());
      return;
    }
    done(report::ComputeAnnualReport(*input, edition));
  });
}

}  // namespace rosa
