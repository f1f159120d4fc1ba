// Part 2 of the annual report, tables 2.1 to 2.5: who the clients were.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/common/field_limits.h"
#include "hub/report/client_year.h"
#include "hub/report/labels.h"
#include "hub/report/report_tables.h"

namespace rosa::report {
namespace {

namespace v1 = rosa::hub::v1;

std::vector<const PersonRecords*> Clients(const ReportInput& input, int year) {
  std::vector<const PersonRecords*> out;
  for (const PersonRecords& p : input.persons) {
    if (IsClient(p, year)) out.push_back(&p);
  }
  return out;
}

Table Summary(const ReportInput& input,
              const std::vector<const PersonRecords*>& clients) {
  Table t{.id = "2.1",
          .title_en = "Summary",
          .title_no = "Oppsummering",
          .columns = {"clients"}};
  int64_t fresh = 0;
  int64_t genders[kGenders] = {};
  for (const PersonRecords* p : clients) {
    fresh += IsNew(*p, input.year);
    ++genders[GenderIndex(p->profile.gender())];
  }
  const int64_t n = static_cast<int64_t>(clients.size());
  t.AddCounts("clients", "Clients", "Brukere", {n});
  t.AddCounts("new", "New", "Nye", {fresh});
  t.AddCounts("multi_year", "Multi-year", "Flerårige", {n - fresh});
  for (const Label& g : GenderLabels()) {
    t.AddCounts(g.key, g.en, g.no, {genders[g.value]});
  }
  t.SumRows(1, 3, 0);
  t.SumRows(3, 3 + kGenders, 0);
  return t;
}

Table ExploitationByGender(const std::vector<const PersonRecords*>& clients) {
  Table t{.id = "2.2",
          .title_en = "Exploitation form by gender",
          .title_no = "Utnyttelsesform etter kjønn"};
  for (const Label& g : GenderLabels()) t.columns.push_back(g.key);
  t.columns.push_back("total");
  int64_t cells[kExploitationForms][kGenders] = {};
  for (const PersonRecords* p : clients) {
    ++cells[ExploitationIndex(p->profile)][GenderIndex(p->profile.gender())];
  }
  std::vector<int64_t> totals(kGenders + 1, 0);
  for (const Label& f : ExploitationLabels()) {
    std::vector<int64_t> row(cells[f.value], cells[f.value] + kGenders);
    int64_t sum = 0;
    for (int g = 0; g < kGenders; ++g) {
      sum += row[g];
      totals[g] += row[g];
    }
    row.push_back(sum);
    totals[kGenders] += sum;
    t.AddCounts(f.key, f.en, f.no, row);
  }
  t.AddCounts("total", "Total", "Totalt", totals);
  t.SumRows(0, kExploitationForms, kExploitationForms);
  t.SumColumns(0, kExploitationForms + 1, 0, kGenders, kGenders);
  return t;
}

Table Nationalities(const std::vector<const PersonRecords*>& clients) {
  std::map<std::string, int64_t> by_country;
  int64_t unknown = 0;
  for (const PersonRecords* p : clients) {
    if (p->profile.nationality().empty()) {
      ++unknown;
    } else {
      ++by_country[p->profile.nationality()];
    }
  }
  return NationalityTable("2.3", "Clients by nationality",
                          "Brukere etter nasjonalitet", "clients", by_country,
                          unknown);
}

Table Ages(const ReportInput& input) {
  Table t{.id = "2.4",
          .title_en = "Age (the age reached in the year)",
          .title_no = "Alder (alderen i året)"};
  std::vector<double> mean;
  std::vector<int64_t> youngest, oldest, g1, g2, g3, g4, unknown, total;
  for (int year = input.year - 2; year <= input.year; ++year) {
    t.columns.push_back(absl::StrCat(year));
    std::vector<int64_t> ages;
    int64_t none = 0;
    for (const PersonRecords* p : Clients(input, year)) {
      // A person is assisted only as an adult: an age under 18 is a wrong
      // birth year or journal date, and as unknown as none.
      const int64_t age = year - static_cast<int64_t>(p->profile.birth_year());
      if (p->profile.birth_year() == 0 || age < kAdultAge) {
        ++none;
      } else {
        ages.push_back(age);
      }
    }
    int64_t sum = 0, a = 0, b = 0, c = 0, d = 0;
    for (int64_t age : ages) {
      sum += age;
      if (age <= 24) {
        ++a;
      } else if (age <= 32) {
        ++b;
      } else if (age <= 50) {
        ++c;
      } else {
        ++d;
      }
    }
    mean.push_back(ages.empty() ? 0
                                : std::round(10.0 * static_cast<double>(sum) /
                                             static_cast<double>(ages.size())) /
                                      10.0);
    youngest.push_back(
        ages.empty() ? 0 : *std::min_element(ages.begin(), ages.end()));
    oldest.push_back(
        ages.empty() ? 0 : *std::max_element(ages.begin(), ages.end()));
    g1.push_back(a);
    g2.push_back(b);
    g3.push_back(c);
    g4.push_back(d);
    unknown.push_back(none);
    total.push_back(static_cast<int64_t>(ages.size()) + none);
  }
  t.AddCounts("18_24", "18–24", "18–24", g1);
  t.AddCounts("25_32", "25–32", "25–32", g2);
  t.AddCounts("33_50", "33–50", "33–50", g3);
  t.AddCounts("51_plus", "51 and over", "51 og over", g4);
  t.AddCounts("unknown", "Age unknown", "Alder ukjent", unknown);
  t.AddCounts("total", "Clients", "Brukere", total);
  t.SumRows(0, 5, 5);
  t.AddDecimals("mean", "Mean age", "Gjennomsnittsalder", mean);
  // An age bounds the groups: a youngest of 27 with 18-24 hidden says that
  // group is empty, and so gives the 25-32 group away.
  t.AddCounts("youngest", "Youngest", "Yngste", youngest, RowKind::kDerived);
  t.AddCounts("oldest", "Oldest", "Eldste", oldest, RowKind::kDerived);
  return t;
}

Table Children(const ReportInput& input,
               const std::vector<const PersonRecords*>& clients) {
  const YearSpan span = OsloYear(input.year);
  int64_t pregnant = 0, accompanying = 0, home = 0;
  for (const PersonRecords* p : clients) {
    const bool fresh = IsNew(*p, input.year);
    bool was_pregnant = p->profile.pregnant();
    int64_t children = p->profile.children();
    bool has_home = false;
    for (const v1::JournalRecord& r : p->journal) {
      if (OccurredAt(r) >= span.end) continue;
      if (r.has_pregnant_at_identification()) was_pregnant = true;
      if (r.has_accompanying_children()) {
        children = r.accompanying_children().count();  // The latest wins.
      }
      if (r.has_children_in_home_country()) has_home = true;
    }
    if (fresh && was_pregnant) ++pregnant;
    if (fresh) accompanying += children;
    if (has_home) ++home;
  }
  Table t{.id = "2.5",
          .title_en = "Children",
          .title_no = "Barn",
          .columns = {"count"}};
  t.AddCounts("pregnant_new_clients", "New clients pregnant when identified",
              "Nye brukere gravide ved identifisering", {pregnant});
  t.AddCounts("children_with_new_clients", "Children accompanying new clients",
              "Medfølgende barn, nye brukere", {accompanying});
  t.AddCounts("clients_with_children_at_home",
              "Clients with children in the home country",
              "Brukere med barn i hjemlandet", {home});
  return t;
}

}  // namespace

std::vector<Table> ClientTables(const ReportInput& input) {
  const auto clients = Clients(input, input.year);
  std::vector<Table> tables;
  tables.push_back(Summary(input, clients));
  tables.push_back(ExploitationByGender(clients));
  tables.push_back(Nationalities(clients));
  tables.push_back(Ages(input));
  tables.push_back(Children(input, clients));
  return tables;
}

}  // namespace rosa::report
