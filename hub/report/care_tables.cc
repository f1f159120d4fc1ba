// Part 2 of the annual report, tables 2.6 to 2.11: stays, residence
// status, police reports, multi-year clients and activities.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "hub/journal/residence_history.h"
#include "hub/report/client_year.h"
#include "hub/report/labels.h"
#include "hub/report/report_tables.h"

namespace rosa::report {
namespace {

namespace v1 = rosa::hub::v1;

std::vector<const PersonRecords*> Clients(const ReportInput& input) {
  std::vector<const PersonRecords*> out;
  for (const PersonRecords& p : input.persons) {
    if (IsClient(p, input.year)) out.push_back(&p);
  }
  return out;
}

// The kind of place a stay was at (a row key of 2.6).
const char* PlaceKind(const ReportInput& input, const v1::OvernightStay& s) {
  if (s.has_other_place()) {
    return s.other_place().kind() == v1::OTHER_PLACE_KIND_PRISON
               ? "prison"
               : "other_housing";
  }
  auto it = input.facility_kinds.find(s.facility_id());
  if (it == input.facility_kinds.end()) return "other_housing";
  switch (it->second) {
    case v1::PARTNER_KIND_SHELTER:
      return "crisis_centre";
    case v1::PARTNER_KIND_REINFORCED_HOUSING:
      return "reinforced_housing";
    case v1::PARTNER_KIND_SAFE_HOUSE:
      return "safe_house";
    default:
      return "other_housing";
  }
}

std::string PlaceId(const v1::OvernightStay& s) {
  if (s.has_facility_id()) return absl::StrCat("f:", s.facility_id());
  return absl::StrCat("o:", s.other_place().kind(), ":",
                      s.other_place().name());
}

Table Stays(const ReportInput& input,
            const std::vector<const PersonRecords*>& clients) {
  static const Label kKinds[] = {
      {0, "crisis_centre", "At a crisis centre", "På krisesenter"},
      {1, "reinforced_housing", "At Lauras hus (reinforced housing)",
       "På Lauras hus (forsterket botilbud)"},
      {2, "safe_house", "At a safe house", "På trygt hus"},
      {3, "prison", "In prison", "I fengsel"},
      {4, "other_housing", "In other housing", "I annet botilbud"},
  };
  std::set<std::string> places;
  std::map<std::string, int64_t> by_kind;
  int64_t with_stay = 0;
  for (const PersonRecords* p : clients) {
    bool any = false;
    std::set<std::string> kinds;
    for (const v1::JournalRecord& r : p->journal) {
      if (!r.has_stay() || StayNightsIn(r, input.year) == 0) continue;
      any = true;
      places.insert(PlaceId(r.stay()));
      kinds.insert(PlaceKind(input, r.stay()));
    }
    with_stay += any;
    for (const std::string& k : kinds) ++by_kind[k];
  }
  Table t{.id = "2.6",
          .title_en = "Overnight stays",
          .title_no = "Overnattinger",
          .columns = {"count"}};
  t.AddCounts("clients_with_stay", "Clients with at least one night",
              "Brukere med minst én overnatting", {with_stay});
  for (const Label& k : kKinds) {
    t.AddCounts(k.key, k.en, k.no, {by_kind[k.key]});
  }
  t.AddCounts("distinct_places", "Distinct places", "Antall steder",
              {static_cast<int64_t>(places.size())}, RowKind::kStatistic);
  return t;
}

Table Residence(std::string id, std::string en, std::string no,
                const std::vector<v1::ResidenceStatus>& statuses) {
  Table t{.id = std::move(id),
          .title_en = std::move(en),
          .title_no = std::move(no),
          .columns = {"new_clients"}};
  for (const Label& l : ResidenceLabels()) {
    int64_t n = 0;
    for (v1::ResidenceStatus s : statuses) {
      const int value = s == v1::RESIDENCE_STATUS_UNSPECIFIED
                            ? v1::RESIDENCE_STATUS_UNKNOWN
                            : static_cast<int>(s);
      n += value == l.value;
    }
    t.AddCounts(l.key, l.en, l.no, {n});
  }
  const int rows = static_cast<int>(t.rows.size());
  t.AddCounts("total", "Total", "Totalt",
              {static_cast<int64_t>(statuses.size())});
  t.SumRows(0, rows, rows);
  return t;
}

Table Police(const ReportInput& input,
             const std::vector<const PersonRecords*>& clients) {
  const YearSpan span = OsloYear(input.year);
  int64_t reporting_clients = 0, evidence_only = 0, no_status = 0;
  std::map<int, int64_t> by_status, by_offence;
  for (const PersonRecords* p : clients) {
    bool reported_trafficking = false, reported_any = false, evidence = false;
    for (const v1::JournalRecord& r : p->journal) {
      if (!span.Contains(OccurredAt(r))) continue;
      if (r.has_evidence_given()) evidence = true;
      if (!r.has_police_report()) continue;
      reported_any = true;
      if (r.police_report().offence() != v1::OFFENCE_TRAFFICKING) {
        ++by_offence[r.police_report().offence()];
        continue;
      }
      reported_trafficking = true;
      auto status = PoliceStatusAt(*p, r.id(), span.end);
      if (status.has_value()) {
        ++by_status[*status];
      } else {
        ++no_status;
      }
    }
    reporting_clients += reported_trafficking;
    evidence_only += evidence && !reported_any;
  }
  Table t{.id = "2.9",
          .title_en = "Police reports",
          .title_no = "Anmeldelser",
          .columns = {"count"}};
  t.AddCounts("clients_reporting_trafficking",
              "Clients who reported trafficking to the police",
              "Brukere som anmeldte menneskehandel", {reporting_clients});
  const int first = static_cast<int>(t.rows.size());
  int64_t reports = no_status;
  for (const Label& l : PoliceStatusLabels()) {
    t.AddCounts(absl::StrCat("trafficking_", l.key),
                absl::StrCat("Trafficking reports: ", l.en),
                absl::StrCat("Anmeldelser av menneskehandel: ", l.no),
                {by_status[l.value]});
    reports += by_status[l.value];
  }
  t.AddCounts("trafficking_no_status", "Trafficking reports: status unknown",
              "Anmeldelser av menneskehandel: status ukjent", {no_status});
  const int end = static_cast<int>(t.rows.size());
  t.AddCounts("trafficking_reports", "Trafficking reports",
              "Anmeldelser av menneskehandel", {reports});
  t.SumRows(first, end, end);
  for (const Label& l : OtherOffenceLabels()) {
    t.AddCounts(absl::StrCat("offence_", l.key),
                absl::StrCat("Reports of other offences: ", l.en),
                absl::StrCat("Anmeldelser av andre lovbrudd: ", l.no),
                {by_offence[l.value]});
  }
  t.AddCounts("evidence_without_report",
              "Clients who gave evidence in another case without reporting",
              "Brukere som vitnet i en annen sak uten å anmelde",
              {evidence_only});
  return t;
}

Table MultiYear(const ReportInput& input,
                const std::vector<const PersonRecords*>& clients) {
  const YearSpan span = OsloYear(input.year);
  int64_t genders[kGenders] = {};
  int64_t total = 0, protection = 0;
  for (const PersonRecords* p : clients) {
    if (IsNew(*p, input.year)) continue;
    ++total;
    ++genders[GenderIndex(p->profile.gender())];
    for (const v1::JournalRecord& r : p->journal) {
      if (r.has_protection_granted() && OccurredAt(r) < span.end) {
        ++protection;
        break;
      }
    }
  }
  Table t{.id = "2.10",
          .title_en = "Multi-year clients",
          .title_no = "Flerårige brukere",
          .columns = {"clients"}};
  for (const Label& g : GenderLabels()) {
    t.AddCounts(g.key, g.en, g.no, {genders[g.value]});
  }
  t.AddCounts("total", "Total", "Totalt", {total});
  t.SumRows(0, kGenders, kGenders);
  t.AddCounts("protection_granted", "Granted protection (residence permit)",
              "Innvilget beskyttelse (oppholdstillatelse)", {protection});
  return t;
}

Table Activities(const ReportInput& input,
                 const std::vector<const PersonRecords*>& clients) {
  std::map<int, int64_t> by_kind;
  int64_t programme_new = 0;
  std::map<std::string, int64_t> by_host;
  for (const PersonRecords* p : clients) {
    std::set<int> kinds;
    std::set<std::string> hosts;
    for (const v1::JournalRecord& r : p->journal) {
      if (!r.has_activity() || !ActiveIn(r, input.year)) continue;
      kinds.insert(r.activity().kind());
      if (r.activity().kind() == v1::ACTIVITY_KIND_WORK_PRACTICE) {
        hosts.insert(r.activity().host());
      }
    }
    for (int k : kinds) ++by_kind[k];
    if (kinds.count(v1::ACTIVITY_KIND_ROSA_PROGRAMME) &&
        IsNew(*p, input.year)) {
      ++programme_new;
    }
    for (const std::string& h : hosts) ++by_host[h];
  }
  Table t{.id = "2.11",
          .title_en = "Activities",
          .title_no = "Aktiviteter",
          .columns = {"clients"}};
  t.AddCounts("norwegian_course", "Norwegian courses", "Norskkurs",
              {by_kind[v1::ACTIVITY_KIND_NORWEGIAN_COURSE]});
  t.AddCounts("rosa_programme", "ROSA's activity programme (all)",
              "ROSAs aktivitetsprogram (alle)",
              {by_kind[v1::ACTIVITY_KIND_ROSA_PROGRAMME]});
  t.AddCounts("rosa_programme_new", "ROSA's activity programme (new clients)",
              "ROSAs aktivitetsprogram (nye brukere)", {programme_new});
  t.AddCounts("training_or_education", "Training or education",
              "Opplæring eller utdanning",
              {by_kind[v1::ACTIVITY_KIND_TRAINING_OR_EDUCATION]});
  t.AddCounts("work_practice", "Work practice (all hosts)",
              "Arbeidspraksis (alle)",
              {by_kind[v1::ACTIVITY_KIND_WORK_PRACTICE]});
  for (const auto& [host, n] : by_host) {
    t.AddCounts(absl::StrCat("work_practice:", host),
                absl::StrCat("Work practice: ", host),
                absl::StrCat("Arbeidspraksis: ", host), {n});
  }
  t.AddCounts("ordinary_work", "Ordinary work", "Ordinært arbeid",
              {by_kind[v1::ACTIVITY_KIND_ORDINARY_WORK]});
  return t;
}

}  // namespace

std::vector<Table> CareTables(const ReportInput& input) {
  const auto clients = Clients(input);
  const YearSpan span = OsloYear(input.year);
  std::vector<v1::ResidenceStatus> at_intake, at_year_end;
  for (const PersonRecords* p : clients) {
    std::optional<absl::Time> intake = IntakeIn(*p, input.year);
    if (!intake.has_value()) continue;
    const absl::CivilDay day = absl::ToCivilDay(*intake, OsloTimeZone());
    const absl::Time end_of_day =
        absl::FromCivil(day + 1, OsloTimeZone()) - absl::Nanoseconds(1);
    at_intake.push_back(ResidenceStatusAt(p->profile, end_of_day));
    at_year_end.push_back(
        ResidenceStatusAt(p->profile, span.end - absl::Nanoseconds(1)));
  }
  std::vector<Table> tables;
  tables.push_back(Stays(input, clients));
  tables.push_back(Residence("2.7", "Residence status of new clients at intake",
                             "Oppholdsstatus for nye brukere ved inntak",
                             at_intake));
  tables.push_back(Residence(
      "2.8", "Residence status of new clients at 31 December",
      "Oppholdsstatus for nye brukere per 31. desember", at_year_end));
  tables.push_back(Police(input, clients));
  tables.push_back(MultiYear(input, clients));
  tables.push_back(Activities(input, clients));
  return tables;
}

}  // namespace rosa::report
