// The annual report end to end: a small fixture year (2025) is recorded by
// ROSA through the real hub over mutual TLS (persons, journal, hotline
// calls); ReportService.GetAnnualReport must give the figures of the
// hand-written testdata/annual-report-2025.expected.json; `rosa-hub report`
// run beside the running hub must print the same JSON; the HTML page must
// show every table, chart and number; other partners get nothing.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/report/report_csv.h"
#include "hub/report/report_html.h"
#include "hub/report/report_json.h"
#include "nlohmann/json.hpp"
#include "rosa/hub/v1/inquiry_service.grpc.pb.h"
#include "rosa/hub/v1/journal_service.grpc.pb.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "rosa/hub/v1/report_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::HasSubstr;

google::protobuf::Timestamp At(int y, int m, int d, int h = 12) {
  return ToProtoTime(
      absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), OsloTimeZone()));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ReportTest : public HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    auto channel = Client("rosa").channel();
    persons_ = v1::PersonService::NewStub(channel);
    journal_ = v1::JournalService::NewStub(channel);
    inquiries_ = v1::InquiryService::NewStub(channel);
    reports_ = v1::ReportService::NewStub(channel);
  }

  std::string Register(v1::Gender gender, int birth_year,
                       const std::string& nationality,
                       v1::ExploitationForm form) {
    v1::RegisterPersonRequest r;
    r.set_idempotency_key(NewIdempotencyKey("register"));
    r.mutable_identity()->set_given_name("Test");
    r.mutable_identity()->set_family_name("Testesen");
    r.mutable_profile()->set_gender(gender);
    r.mutable_profile()->set_birth_year(birth_year);
    r.mutable_profile()->set_nationality(nationality);
    r.mutable_profile()->add_exploitation_forms(form);
    *r.mutable_registration_consent_given_at() =
        ToProtoTime(absl::Now() - absl::Minutes(10));
    v1::Person person;
    EXPECT_THAT(
        persons_->RegisterPerson(ContextWithDeadline().get(), r, &person),
        IsOk());
    return person.id();
  }

  // Records one journal entry; returns its id.
  std::string Journal(const std::string& person,
                      const google::protobuf::Timestamp& at,
                      const std::function<void(v1::JournalRecord&)>& fill) {
    v1::RecordJournalEntryRequest r;
    r.set_idempotency_key(NewIdempotencyKey("journal"));
    r.mutable_record()->set_person_id(person);
    *r.mutable_record()->mutable_occurred_at() = at;
    fill(*r.mutable_record());
    v1::JournalRecord record;
    EXPECT_THAT(
        journal_->RecordJournalEntry(ContextWithDeadline().get(), r, &record),
        IsOk());
    return record.id();
  }

  void Call(const google::protobuf::Timestamp& at, v1::InquiryTopic topic,
            v1::CallerType caller, uint32_t persons = 0,
            v1::Gender gender = v1::GENDER_UNSPECIFIED,
            const std::string& nationality = "",
            v1::ExploitationForm form = v1::EXPLOITATION_FORM_UNSPECIFIED,
            v1::InquiryOutcome outcome = v1::INQUIRY_OUTCOME_UNSPECIFIED) {
    v1::RecordInquiryRequest r;
    r.set_idempotency_key(NewIdempotencyKey("call"));
    v1::HotlineInquiry* i = r.mutable_inquiry();
    *i->mutable_occurred_at() = at;
    i->set_topic(topic);
    i->set_caller(caller);
    if (persons > 0) {
      i->set_first_time(true);
      v1::PossibleVictims* v = i->mutable_victims();
      v->set_persons(persons);
      v->set_gender(gender);
      v->set_nationality(nationality);
      v->set_exploitation_form(form);
      v->set_outcome(outcome);
    }
    v1::HotlineInquiry recorded;
    EXPECT_THAT(
        inquiries_->RecordInquiry(ContextWithDeadline().get(), r, &recorded),
        IsOk());
  }

  void RecordFixtureYear();

  std::unique_ptr<v1::PersonService::Stub> persons_;
  std::unique_ptr<v1::JournalService::Stub> journal_;
  std::unique_ptr<v1::InquiryService::Stub> inquiries_;
  std::unique_ptr<v1::ReportService::Stub> reports_;
};

void ReportTest::RecordFixtureYear() {
  // A: new in 2025; her stay spans New Year (a client by it: she was met in
  // person only once); two status changes.
  const std::string a =
      Register(v1::GENDER_WOMAN, 1990, "RO", v1::EXPLOITATION_FORM_SEXUAL);
  Journal(a, At(2025, 3, 1, 9), [](auto& r) {
    r.mutable_residence_status()->set_status(
        v1::RESIDENCE_STATUS_ASYLUM_SEEKER);
  });
  Journal(a, At(2025, 3, 1, 10),
          [](auto& r) { r.mutable_assistance_started(); });
  Journal(a, At(2025, 3, 1, 10),
          [](auto& r) { r.mutable_pregnant_at_identification(); });
  Journal(a, At(2025, 3, 1, 10),
          [](auto& r) { r.mutable_accompanying_children()->set_count(1); });
  Journal(a, At(2025, 3, 5), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
  });
  Journal(a, At(2025, 12, 30), [](auto& r) {
    r.mutable_stay()->set_facility_id("ks-oslo");
    r.mutable_stay()->set_nights(5);
  });
  const std::string report = Journal(a, At(2025, 4, 1), [](auto& r) {
    r.mutable_police_report()->set_offence(v1::OFFENCE_TRAFFICKING);
  });
  Journal(a, At(2025, 5, 1), [&](auto& r) {
    r.mutable_police_report_status()->set_report_id(report);
    r.mutable_police_report_status()->set_status(
        v1::POLICE_REPORT_STATUS_UNDER_INVESTIGATION);
  });
  Journal(a, At(2025, 6, 1), [](auto& r) {
    r.mutable_activity()->set_kind(v1::ACTIVITY_KIND_NORWEGIAN_COURSE);
  });
  Journal(a, At(2025, 12, 31, 15), [](auto& r) {
    r.mutable_residence_status()->set_status(
        v1::RESIDENCE_STATUS_REFLECTION_PERIOD_GRANTED);
  });

  // B: assisted since 2024, multi-year in 2025 (met in person twice).
  const std::string b =
      Register(v1::GENDER_MAN, 1980, "PL", v1::EXPLOITATION_FORM_FORCED_LABOUR);
  Journal(b, At(2024, 6, 1), [](auto& r) { r.mutable_assistance_started(); });
  Journal(b, At(2024, 6, 1),
          [](auto& r) { r.mutable_children_in_home_country()->set_count(2); });
  Journal(b, At(2025, 2, 1), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
  });
  Journal(b, At(2025, 9, 1), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
  });
  Journal(b, At(2025, 8, 1), [](auto& r) { r.mutable_protection_granted(); });
  Journal(b, At(2025, 1, 15), [](auto& r) {
    r.mutable_activity()->set_kind(v1::ACTIVITY_KIND_WORK_PRACTICE);
    r.mutable_activity()->set_host("Fretex");
    *r.mutable_activity()->mutable_ended_at() = At(2025, 4, 15);
  });

  // C: phone contacts only: not a client.
  const std::string c =
      Register(v1::GENDER_WOMAN, 1995, "NG", v1::EXPLOITATION_FORM_SEXUAL);
  Journal(c, At(2025, 9, 1), [](auto& r) { r.mutable_assistance_started(); });
  Journal(c, At(2025, 9, 2), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_PHONE);
  });

  // D: met in person once in 2024 and once in 2025 (and phoned): not
  // "repeated" in 2025, so not a client.
  const std::string d =
      Register(v1::GENDER_WOMAN, 2000, "NG", v1::EXPLOITATION_FORM_SEXUAL);
  Journal(d, At(2024, 12, 15), [](auto& r) { r.mutable_assistance_started(); });
  Journal(d, At(2024, 12, 20), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
  });
  Journal(d, At(2025, 10, 2), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_IN_PERSON);
  });
  Journal(d, At(2025, 10, 9), [](auto& r) {
    r.mutable_follow_up()->set_mode(v1::CONTACT_MODE_PHONE);
  });

  Call(At(2025, 2, 10), v1::INQUIRY_TOPIC_FOLLOW_UP, v1::CALLER_TYPE_NAV);
  Call(At(2025, 5, 10), v1::INQUIRY_TOPIC_POSSIBLE_VICTIM,
       v1::CALLER_TYPE_POLICE, 35, v1::GENDER_MAN, "PL",
       v1::EXPLOITATION_FORM_FORCED_LABOUR, v1::INQUIRY_OUTCOME_ACCEPTED_HELP);
  Call(At(2025, 6, 10), v1::INQUIRY_TOPIC_INFORMATION, v1::CALLER_TYPE_MEDIA);
  Call(At(2025, 7, 10), v1::INQUIRY_TOPIC_POSSIBLE_VICTIM,
       v1::CALLER_TYPE_PRIVATE_PERSON, 1, v1::GENDER_WOMAN, "",
       v1::EXPLOITATION_FORM_SEXUAL, v1::INQUIRY_OUTCOME_DECLINED_HELP);
}

TEST_F(ReportTest, FixtureYearGivesTheHandWrittenFigures) {
  RecordFixtureYear();
  v1::GetAnnualReportRequest request;
  request.set_year(2025);
  v1::AnnualReport report;
  ASSERT_THAT(
      reports_->GetAnnualReport(ContextWithDeadline().get(), request, &report),
      IsOk());
  const std::string json = report::ReportToJson(report);
  const auto got = nlohmann::json::parse(json);
  const auto expected = nlohmann::json::parse(
      ReadFile(ROSA_TEST_DATA "/annual-report-2025.expected.json"));
  EXPECT_EQ(got["schema"], "rosa-annual-report/1");
  EXPECT_EQ(got["year"], expected["year"]);
  EXPECT_EQ(got["edition"], expected["edition"]);
  EXPECT_EQ(got["warnings"], expected["warnings"]);
  int listed = 0;
  for (const auto& table : got["tables"]) {
    const std::string id = table["id"];
    for (const auto& row : table["rows"]) {
      const std::string key = row["key"];
      if (expected["rows"].contains(id) && expected["rows"][id].contains(key)) {
        EXPECT_EQ(row["cells"], expected["rows"][id][key]) << id << " " << key;
        ++listed;
        continue;
      }
      for (const auto& cell : row["cells"]) {
        EXPECT_EQ(cell, 0) << id << " " << key;
      }
    }
  }
  int expected_rows = 0;
  for (const auto& [id, rows] : expected["rows"].items()) {
    expected_rows += static_cast<int>(rows.size());
  }
  EXPECT_EQ(listed, expected_rows);

  // The command line reads the same database beside the running hub.
  const std::string command = absl::StrCat(
      ROSA_HUB_BINARY, " report --year 2025 --format json --data-dir ",
      hub().data_dir().string(), " --partners ", ROSA_TEST_DATA,
      "/partners.json 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string printed;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    printed.append(buffer, n);
  }
  EXPECT_EQ(pclose(pipe), 0);
  EXPECT_EQ(printed, json);

  // The HTML page: every table, the charts, and every number in order.
  const std::string html = report::ReportToHtml(report);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  size_t charts = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos;
       at = html.find("<svg", at + 1)) {
    ++charts;
  }
  EXPECT_EQ(charts, 6u);
  size_t at = 0;
  for (const auto& table : report.tables()) {
    at = html.find(absl::StrCat("id=\"table-", table.id(), "\""), at);
    ASSERT_NE(at, std::string::npos) << table.id();
    for (const auto& row : table.rows()) {
      for (const auto& cell : row.cells()) {
        const std::string td =
            absl::StrCat("<td>", report::CellText(cell), "</td>");
        at = html.find(td, at);
        ASSERT_NE(at, std::string::npos) << table.id() << " " << row.key();
      }
    }
  }
}

// Runs the rosa-hub binary with `args`; returns its exit status.
int RunHubCommand(const std::string& args) {
  const std::string command =
      absl::StrCat(ROSA_HUB_BINARY, " ", args, " >/dev/null 2>&1");
  return std::system(command.c_str());
}

TEST_F(ReportTest, ImportAppliesAFileOnceAndAllOrNothing) {
  const std::string person =
      Register(v1::GENDER_WOMAN, 1985, "RO", v1::EXPLOITATION_FORM_SEXUAL);
  const std::string good = absl::StrCat(
      "{\"recordJournalEntry\": {\"record\": {\"personId\": \"", person,
      "\", \"occurredAt\": \"2015-03-01T09:00:00Z\", "
      "\"assistanceStarted\": {}}}}\n"
      "{\"recordJournalEntry\": {\"record\": {\"personId\": \"",
      person,
      "\", \"occurredAt\": \"2015-03-02T09:00:00Z\", \"followUp\": "
      "{\"mode\": \"CONTACT_MODE_IN_PERSON\"}}}}\n");
  const std::string bad = absl::StrCat(
      good, "{\"recordJournalEntry\": {\"record\": {\"personId\": \"", person,
      "\", \"occurredAt\": \"2015-03-03T09:00:00Z\", \"stay\": "
      "{\"facilityId\": \"ks-oslo\", \"nights\": 0}}}}\n");
  const std::string good_file = (hub().data_dir() / "good.jsonl").string();
  const std::string bad_file = (hub().data_dir() / "bad.jsonl").string();
  std::ofstream(good_file) << good;
  std::ofstream(bad_file) << bad;
  const std::string flags =
      absl::StrCat(" --hub ", hub().address(), " --pki-dir ",
                   hub().pki_dir().string(), " --partner rosa");
  auto count = [&] {
    v1::ListJournalRequest list;
    list.set_person_id(person);
    v1::ListJournalResponse response;
    EXPECT_THAT(
        journal_->ListJournal(ContextWithDeadline().get(), list, &response),
        IsOk());
    return response.records_size();
  };
  // One bad line: nothing of the file is applied.
  EXPECT_NE(RunHubCommand(absl::StrCat("import --file ", bad_file, flags)), 0);
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(RunHubCommand(absl::StrCat("import --file ", good_file, flags)), 0);
  EXPECT_EQ(count(), 2);
  // Keys from the bytes: the same file again changes nothing.
  EXPECT_EQ(RunHubCommand(absl::StrCat("import --file ", good_file, flags)), 0);
  EXPECT_EQ(count(), 2);
}

TEST_F(ReportTest, OnlyRosa) {
  v1::GetAnnualReportRequest request;
  request.set_year(2025);
  v1::AnnualReport report;
  auto lawyer = v1::ReportService::NewStub(Client("advokat-lund").channel());
  EXPECT_EQ(
      lawyer->GetAnnualReport(ContextWithDeadline().get(), request, &report)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  auto journal = v1::JournalService::NewStub(Client("ks-oslo").channel());
  v1::ListJournalRequest list;
  list.set_person_id("P-ZZZZZZZZZZ");
  v1::ListJournalResponse response;
  EXPECT_EQ(journal->ListJournal(ContextWithDeadline().get(), list, &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_year(1999);
  EXPECT_EQ(
      reports_->GetAnnualReport(ContextWithDeadline().get(), request, &report)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace rosa::integration
