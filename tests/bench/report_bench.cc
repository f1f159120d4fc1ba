// The annual report's cost: a year with 5 000 hotline inquiries and 500
// clients (each with a dozen journal records over two years, and 50
// completed placements), written to a real store in a temporary directory,
// then LoadReportInput + ComputeAnnualReport (both editions) + JSON and
// HTML timed (wall clock, best of --runs), with the EXPLAIN QUERY PLAN of
// every report query. Prints; never fails on a timing (ctest runs a small
// smoke: `report_bench --inquiries 200 --clients 20`).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "hub/inquiry/inquiry_store.h"
#include "hub/journal/journal_store.h"
#include "hub/partner/partner_registry.h"
#include "hub/report/annual_report.h"
#include "hub/report/report_html.h"
#include "hub/report/report_json.h"
#include "hub/report/report_query.h"
#include "hub/store/database.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

google::protobuf::Timestamp Day(int year, int day_of_year, int hour = 12) {
  return ToProtoTime(absl::FromCivil(
      absl::CivilSecond(year, 1, 1, hour, 0, 0) + (day_of_year % 360) * 86400,
      OsloTimeZone()));
}

absl::Status Fill(store::Connection& conn, int inquiries, int clients) {
  const char* countries[] = {"RO", "NG", "PL", "BG", "VN", "TH", "UA", ""};
  for (int i = 0; i < inquiries; ++i) {
    v1::HotlineInquiry q;
    q.set_id(absl::StrCat("I-2026-", 100000 + i));
    q.set_recorded_by("rosa");
    *q.mutable_occurred_at() = Day(i % 3 == 0 ? 2025 : 2026, i);
    *q.mutable_recorded_at() = q.occurred_at();
    q.set_caller(static_cast<v1::CallerType>(1 + i % 19));
    q.set_topic(static_cast<v1::InquiryTopic>(1 + i % 5));
    if (q.topic() == v1::INQUIRY_TOPIC_POSSIBLE_VICTIM) {
      q.set_first_time(i % 2 == 0);
      auto* v = q.mutable_victims();
      v->set_persons(1 + i % 7);
      v->set_gender(static_cast<v1::Gender>(1 + i % 4));
      v->set_nationality(countries[i % 8]);
      v->set_exploitation_form(static_cast<v1::ExploitationForm>(1 + i % 4));
      v->set_outcome(static_cast<v1::InquiryOutcome>(1 + i % 6));
    }
    if (absl::Status s = InsertInquiry(conn, q); !s.ok()) return s;
  }
  int journal = 0;
  for (int c = 0; c < clients; ++c) {
    const std::string id = absl::StrCat("P-B", 100000000 + c);
    v1::PersonProfile p;
    p.set_gender(static_cast<v1::Gender>(1 + c % 4));
    p.set_birth_year(1960 + c % 45);
    p.set_nationality(countries[c % 8]);
    p.add_exploitation_forms(static_cast<v1::ExploitationForm>(1 + c % 4));
    auto* h = p.add_residence_history();
    h->set_status(static_cast<v1::ResidenceStatus>(1 + c % 12));
    *h->mutable_recorded_at() = Day(2025, c);
    auto person = conn.Prepare(
        "INSERT INTO persons(id, registered_us, registered_by, profile,"
        " kek_version, wrapped_key, key_version) VALUES (?1, 0, 'rosa', ?2, 1,"
        " zeroblob(40), 1)");
    if (!person.ok()) return person.status();
    (*person)->Bind(1, id).BindBlob(2, p.SerializeAsString());
    if (absl::Status s = (*person)->Run(); !s.ok()) return s;
    const int start_year = c % 3 == 0 ? 2025 : 2026;
    for (int k = 0; k < 12; ++k) {
      v1::JournalRecord r;
      r.set_id(absl::StrCat("J-2026-", 100000 + journal++));
      r.set_person_id(id);
      r.set_recorded_by("rosa");
      *r.mutable_occurred_at() = Day(start_year, c + 20 * k);
      *r.mutable_recorded_at() = r.occurred_at();
      switch (k) {
        case 0:
          r.mutable_assistance_started();
          break;
        case 1:
          r.mutable_stay()->set_facility_id("ks-oslo");
          r.mutable_stay()->set_nights(1 + c % 30);
          break;
        case 2:
          r.mutable_police_report()->set_offence(
              static_cast<v1::Offence>(1 + c % 8));
          break;
        case 3:
          r.mutable_activity()->set_kind(
              static_cast<v1::ActivityKind>(1 + c % 5));
          r.mutable_activity()->set_host("Fretex");
          break;
        case 4:
          r.mutable_residence_status()->set_status(
              v1::RESIDENCE_STATUS_RESIDENCE_PERMIT);
          break;
        default:
          r.mutable_follow_up()->set_mode(k % 2 ? v1::CONTACT_MODE_IN_PERSON
                                                : v1::CONTACT_MODE_PHONE);
      }
      if (absl::Status s = InsertJournalRecord(conn, r); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  int inquiries = 5000, clients = 500, runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--inquiries") inquiries = value;
    if (flag == "--clients") clients = value;
    if (flag == "--runs") runs = value;
  }
  testutil::TempDir dir;
  store::Database::Options options;
  options.path = dir.File("rosa-hub.db");
  auto db = store::Database::Open(options);
  if (!db.ok()) {
    std::cerr << db.status() << "\n";
    return 1;
  }
  absl::Status filled =
      (*db)->writer().SubmitAndWait([&](store::WriteTxn& txn) {
        return Fill(txn.conn(), inquiries, clients);
      });
  if (!filled.ok()) {
    std::cerr << filled << "\n";
    return 1;
  }
  auto registry = PartnerRegistry::FromPartners({});
  double best_ms = 1e18;
  size_t bytes = 0;
  absl::Status status =
      (*db)->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto plans = report::ReportQueryPlans(conn);
        if (!plans.ok()) return plans.status();
        std::cout << "EXPLAIN QUERY PLAN of the report's queries:\n";
        for (const std::string& p : *plans) std::cout << p << "\n";
        for (int run = 0; run < runs; ++run) {
          const auto start = std::chrono::steady_clock::now();
          auto input = report::LoadReportInput(conn, *registry, 2026);
          if (!input.ok()) return input.status();
          for (auto edition :
               {v1::REPORT_EDITION_INTERNAL, v1::REPORT_EDITION_PUBLISHED}) {
            auto r = report::ComputeAnnualReport(*input, edition);
            bytes =
                report::ReportToJson(r).size() + report::ReportToHtml(r).size();
          }
          const double ms = std::chrono::duration<double, std::milli>(
                                std::chrono::steady_clock::now() - start)
                                .count();
          best_ms = std::min(best_ms, ms);
        }
        return absl::OkStatus();
      });
  if (!status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  std::cout << "report of " << inquiries << " inquiries and " << clients
            << " clients (both editions, JSON and HTML, " << bytes
            << " bytes): best of " << runs << " runs " << best_ms << " ms\n";
  return 0;
}

}  // namespace
}  // namespace rosa

int main(int argc, char** argv) { return rosa::Main(argc, argv); }
