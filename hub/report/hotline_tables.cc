// Part 1 of the annual report: the national hotline. Inquiries are counted
// by the year (Oslo) they occurred in; 1.4 to 1.6 count persons in
// first-time inquiries about possible victims.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/report/client_year.h"
#include "hub/report/labels.h"
#include "hub/report/report_tables.h"

namespace rosa::report {
namespace {

namespace v1 = rosa::hub::v1;

std::vector<const v1::HotlineInquiry*> InYear(const ReportInput& input,
                                              int year) {
  const YearSpan span = OsloYear(year);
  std::vector<const v1::HotlineInquiry*> out;
  for (const v1::HotlineInquiry& i : input.inquiries) {
    if (span.Contains(FromProtoTime(i.occurred_at()))) out.push_back(&i);
  }
  return out;
}

bool FirstTimeVictims(const v1::HotlineInquiry& i) {
  return i.topic() == v1::INQUIRY_TOPIC_POSSIBLE_VICTIM && i.first_time();
}

Table ByCaller(std::string id, std::string en, std::string no,
               const std::vector<const v1::HotlineInquiry*>& inquiries) {
  Table t{.id = std::move(id),
          .title_en = std::move(en),
          .title_no = std::move(no),
          .columns = {"inquiries"}};
  int64_t total = 0;
  for (const Label& l : CallerLabels()) {
    int64_t n = 0;
    for (const auto* i : inquiries) n += i->caller() == l.value;
    total += n;
    t.AddCounts(l.key, l.en, l.no, {n});
  }
  const int rows = static_cast<int>(t.rows.size());
  t.AddCounts("total", "Total", "Totalt", {total});
  t.SumRows(0, rows, rows);
  return t;
}

// Accepted, not accepted and unknown outcomes, in persons.
struct Outcomes {
  int64_t accepted = 0;
  int64_t not_accepted = 0;
  int64_t unknown = 0;
};

Outcomes CountOutcomes(const std::vector<const v1::HotlineInquiry*>& in) {
  Outcomes o;
  for (const auto* i : in) {
    if (!FirstTimeVictims(*i)) continue;
    const int64_t persons = i->victims().persons();
    switch (i->victims().outcome()) {
      case v1::INQUIRY_OUTCOME_ACCEPTED_HELP:
        o.accepted += persons;
        break;
      case v1::INQUIRY_OUTCOME_DECLINED_HELP:
      case v1::INQUIRY_OUTCOME_NOT_TRAFFICKING:
      case v1::INQUIRY_OUTCOME_REFERRED_TO_FILEMON:
      case v1::INQUIRY_OUTCOME_REFERRED_ELSEWHERE:
        o.not_accepted += persons;
        break;
      default:
        o.unknown += persons;
    }
  }
  return o;
}

double Share(const Outcomes& o) {
  const int64_t total = o.accepted + o.not_accepted + o.unknown;
  if (total == 0) return 0;
  return std::round(1000.0 * static_cast<double>(o.accepted) /
                    static_cast<double>(total)) /
         10.0;
}

}  // namespace

Table NationalityTable(std::string id, std::string en, std::string no,
                       std::string column,
                       const std::map<std::string, int64_t>& by_country,
                       int64_t unknown) {
  Table t{.id = std::move(id),
          .title_en = std::move(en),
          .title_no = std::move(no),
          .columns = {std::move(column)}};
  std::vector<std::pair<std::string, int64_t>> sorted(by_country.begin(),
                                                      by_country.end());
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });
  int64_t total = unknown;
  for (const auto& [code, n] : sorted) {
    // A country has a row only when someone had it.
    t.rows[t.AddCounts(code, code, code, {n})].least = 1;
    total += n;
  }
  t.AddCounts("unknown", "Unknown", "Ukjent", {unknown});
  const int rows = static_cast<int>(t.rows.size());
  t.AddCounts("total", "Total", "Totalt", {total});
  t.SumRows(0, rows, rows);
  t.AddCounts("distinct_nationalities", "Distinct nationalities",
              "Antall nasjonaliteter",
              {static_cast<int64_t>(by_country.size())}, RowKind::kStatistic);
  return t;
}

std::vector<Table> HotlineTables(const ReportInput& input) {
  const auto year = InYear(input, input.year);
  std::vector<Table> tables;

  Table t11{.id = "1.1",
            .title_en = "Inquiries by subject",
            .title_no = "Henvendelser etter tema",
            .columns = {"inquiries"}};
  for (const Label& l : TopicLabels()) {
    int64_t n = 0;
    for (const auto* i : year) n += i->topic() == l.value;
    t11.AddCounts(l.key, l.en, l.no, {n});
  }
  t11.AddCounts("total", "Total", "Totalt",
                {static_cast<int64_t>(year.size())});
  t11.SumRows(0, 5, 5);
  tables.push_back(std::move(t11));

  std::vector<const v1::HotlineInquiry*> follow_up, victims;
  for (const auto* i : year) {
    if (i->topic() == v1::INQUIRY_TOPIC_FOLLOW_UP) follow_up.push_back(i);
    if (i->topic() == v1::INQUIRY_TOPIC_POSSIBLE_VICTIM &&
        i->victims().outcome() != v1::INQUIRY_OUTCOME_NOT_TRAFFICKING) {
      victims.push_back(i);
    }
  }
  tables.push_back(ByCaller("1.2", "Who calls about follow-up",
                            "Hvem ringer om oppfølging", follow_up));
  tables.push_back(ByCaller("1.3", "Who calls about possible victims",
                            "Hvem ringer om mulige ofre", victims));

  // 1.4: persons, gender x exploitation form.
  int64_t cells[kGenders][kExploitationForms] = {};
  std::map<std::string, int64_t> by_country;
  int64_t unknown_country = 0;
  for (const auto* i : year) {
    if (!FirstTimeVictims(*i)) continue;
    const auto& v = i->victims();
    cells[GenderIndex(v.gender())][ExploitationIndex(v.exploitation_form())] +=
        v.persons();
    if (v.nationality().empty()) {
      unknown_country += v.persons();
    } else {
      by_country[v.nationality()] += v.persons();
    }
  }
  Table t14{.id = "1.4",
            .title_en =
                "First-time inquiries about possible victims by gender "
                "and exploitation form (persons)",
            .title_no =
                "Førstegangshenvendelser om mulige ofre etter kjønn og "
                "utnyttelsesform (personer)"};
  for (const Label& l : ExploitationLabels()) t14.columns.push_back(l.key);
  t14.columns.push_back("total");
  std::vector<int64_t> column_totals(kExploitationForms + 1, 0);
  for (const Label& g : GenderLabels()) {
    std::vector<int64_t> row(cells[g.value],
                             cells[g.value] + kExploitationForms);
    int64_t sum = 0;
    for (int f = 0; f < kExploitationForms; ++f) {
      sum += row[f];
      column_totals[f] += row[f];
    }
    row.push_back(sum);
    column_totals[kExploitationForms] += sum;
    t14.AddCounts(g.key, g.en, g.no, row);
  }
  t14.AddCounts("total", "Total", "Totalt", column_totals);
  t14.SumRows(0, kGenders, kGenders);
  t14.SumColumns(0, kGenders + 1, 0, kExploitationForms, kExploitationForms);
  tables.push_back(std::move(t14));

  tables.push_back(NationalityTable(
      "1.5", "First-time inquiries about possible victims by nationality",
      "Førstegangshenvendelser om mulige ofre etter nasjonalitet", "persons",
      by_country, unknown_country));

  const Outcomes now = CountOutcomes(year);
  const Outcomes before = CountOutcomes(InYear(input, input.year - 1));
  Table t16{
      .id = "1.6",
      .title_en =
          "Accepted assistance (possible victims in first-time "
          "inquiries)",
      .title_no =
          "Takket ja til bistand (mulige ofre i "
          "førstegangshenvendelser)",
      .columns = {absl::StrCat(input.year), absl::StrCat(input.year - 1)}};
  t16.AddCounts("accepted", "Accepted short or longer assistance",
                "Takket ja til kort eller lengre bistand",
                {now.accepted, before.accepted});
  t16.AddCounts("not_accepted",
                "Did not (declined, not identified, referred elsewhere)",
                "Takket nei, ikke identifisert eller henvist videre",
                {now.not_accepted, before.not_accepted});
  t16.AddCounts("unknown", "Outcome unknown", "Utfall ukjent",
                {now.unknown, before.unknown});
  t16.AddCounts("total", "Total", "Totalt",
                {now.accepted + now.not_accepted + now.unknown,
                 before.accepted + before.not_accepted + before.unknown});
  t16.SumRows(0, 3, 3);
  t16.AddDecimals("share_accepted", "Share accepting (%)",
                  "Andel som takket ja (%)", {Share(now), Share(before)});
  tables.push_back(std::move(t16));
  return tables;
}

}  // namespace rosa::report
