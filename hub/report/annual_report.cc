#include "hub/report/annual_report.h"

#include <string>
#include <utility>

#include "common/time_util.h"
#include "hub/common/field_limits.h"
#include "hub/report/client_year.h"
#include "hub/report/report_tables.h"
#include "hub/report/same_figures.h"
#include "hub/report/suppression.h"

namespace rosa::report {

namespace v1 = rosa::hub::v1;

std::vector<v1::DataWarning> DataChecks(const ReportInput& input) {
  const YearSpan span = OsloYear(input.year);
  int64_t no_nationality = 0, no_birth_year = 0, no_gender = 0, no_start = 0;
  int64_t no_nights = 0, no_status = 0, no_first_time = 0, under_age = 0;
  for (const PersonRecords& p : input.persons) {
    // 2.4's three years: an age under 18 there is a wrong birth year or
    // journal date (ROSA assists adults only).
    for (int year = input.year - 2; year <= input.year; ++year) {
      if (p.profile.birth_year() != 0 &&
          year - static_cast<int64_t>(p.profile.birth_year()) < kAdultAge &&
          IsClient(p, year)) {
        ++under_age;
        break;
      }
    }
    if (!IsClient(p, input.year)) continue;
    no_nationality += p.profile.nationality().empty();
    no_birth_year += p.profile.birth_year() == 0;
    no_gender += GenderIndex(p.profile.gender()) == 3;
    bool started = false;
    for (const v1::JournalRecord& r : p.journal) {
      if (r.has_assistance_started() && OccurredAt(r) < span.end) {
        started = true;
      }
      if (r.has_stay() && !r.stay().has_nights() &&
          StayNightsIn(r, input.year) > 0) {
        ++no_nights;
      }
      if (r.has_police_report() &&
          r.police_report().offence() == v1::OFFENCE_TRAFFICKING &&
          span.Contains(OccurredAt(r)) &&
          !PoliceStatusAt(p, r.id(), span.end).has_value()) {
        ++no_status;
      }
    }
    no_start += !started;
  }
  for (const v1::HotlineInquiry& i : input.inquiries) {
    if (i.topic() == v1::INQUIRY_TOPIC_POSSIBLE_VICTIM && !i.has_first_time() &&
        span.Contains(FromProtoTime(i.occurred_at()))) {
      ++no_first_time;
    }
  }
  const std::pair<const char*, int64_t> checks[] = {
      {"clients_without_nationality", no_nationality},
      {"clients_without_birth_year", no_birth_year},
      {"clients_without_gender", no_gender},
      {"clients_without_assistance_start", no_start},
      {"stays_without_nights", no_nights},
      {"trafficking_reports_without_status", no_status},
      {"victim_inquiries_without_first_time", no_first_time},
      {"clients_under_18", under_age},
  };
  const char* messages[] = {
      "clients without a nationality (counted as unknown in 2.3)",
      "clients without a birth year (counted as unknown in 2.4)",
      "clients without a known gender (counted as unknown)",
      "clients with no assistance start recorded (counted as multi-year)",
      "stays without nights (each counted as one night)",
      "trafficking reports with no status at 31 December (counted as "
      "status unknown in 2.9)",
      "possible-victim inquiries without first_time (left out of 1.4 to "
      "1.6)",
      "clients under 18 by their birth year in the year or the two before "
      "(a wrong birth year or record date; counted as age unknown in 2.4)",
  };
  std::vector<v1::DataWarning> warnings;
  for (size_t i = 0; i < std::size(checks); ++i) {
    if (checks[i].second == 0) continue;
    v1::DataWarning w;
    w.set_code(checks[i].first);
    w.set_count(checks[i].second);
    w.set_message(messages[i]);
    warnings.push_back(std::move(w));
  }
  return warnings;
}

v1::AnnualReport ComputeAnnualReport(const ReportInput& input,
                                     v1::ReportEdition edition) {
  std::vector<Table> tables = HotlineTables(input);
  for (auto* part : {&ClientTables, &CareTables}) {
    for (Table& t : (*part)(input)) tables.push_back(std::move(t));
  }
  if (edition == v1::REPORT_EDITION_PUBLISHED) {
    SuppressReportCells(tables, SameFigures(input.year));
  }
  v1::AnnualReport report;
  report.set_year(input.year);
  report.set_edition(edition);
  for (const Table& t : tables) *report.add_tables() = ToProto(t);
  for (v1::DataWarning& w : DataChecks(input)) {
    *report.add_warnings() = std::move(w);
  }
  return report;
}

}  // namespace rosa::report
