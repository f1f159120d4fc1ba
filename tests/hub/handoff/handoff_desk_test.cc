// Unit tests of the handoff desk on a real SQLite store: who may create,
// the lawyer's events and hours ledger, visibility, idempotency and events.
// Identity and consent are in handoff_identity_test.cc.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/journal/journal_store.h"
#include "tests/hub/handoff/handoff_desk_fixture.h"

namespace rosa::testing_handoff {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

TEST_F(HandoffDeskTest, CoordinatorCreatesAnOfferWithTheDefaultHours) {
  const v1::Handoff h = CreateWithConsent();
  EXPECT_EQ(h.id(), "H-2026-000001");
  EXPECT_EQ(h.lawyer(), "advokat-lund");
  EXPECT_EQ(h.sender(), "rosa");
  EXPECT_EQ(h.state(), v1::HANDOFF_STATE_OFFERED);
  EXPECT_EQ(h.granted_quarter_hours(), 12u);
  EXPECT_EQ(h.used_quarter_hours(), 0u);
  EXPECT_EQ(h.residence_status(),
            v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
  EXPECT_EQ(h.exploitation_form(), v1::EXPLOITATION_FORM_SEXUAL);
  EXPECT_EQ(h.purposes_size(), 2);
  EXPECT_FALSE(h.has_identity());
  EXPECT_EQ(CountAudit("handoff.create", h.id()), 1);
}

TEST_F(HandoffDeskTest, GrantedHoursMayBeLowerThanTheDefault) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-lund");
  v1::CreateHandoffRequest r = CreateRequest(person);
  r.set_granted_quarter_hours(8);
  auto h = Create("rosa", r);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->granted_quarter_hours(), 8u);
}

TEST_F(HandoffDeskTest, OnlyACoordinatorCreates) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-lund");
  for (const char* caller : {"advokat-lund", "ks-oslo"}) {
    auto h = Create(caller, CreateRequest(person));
    EXPECT_EQ(h.status().code(), absl::StatusCode::kPermissionDenied) << caller;
  }
}

TEST_F(HandoffDeskTest, LawyerMustBeAnEnabledLegalCounselPartner) {
  const std::string person = RegisterPerson();
  for (const char* lawyer : {"ks-oslo", "advokat-stengt", "advokat-ukjent"}) {
    auto h = Create("rosa", CreateRequest(person, lawyer));
    EXPECT_EQ(h.status().code(), absl::StatusCode::kInvalidArgument) << lawyer;
    EXPECT_THAT(std::string(h.status().message()), HasSubstr("lawyer:"));
  }
}

TEST_F(HandoffDeskTest, PersonMustExist) {
  auto h = Create("rosa", CreateRequest("P-0000000000"));
  EXPECT_EQ(h.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(h.status().message()), HasSubstr("person_id"));
}

TEST_F(HandoffDeskTest, CreateIsIdempotent) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-lund");
  const v1::CreateHandoffRequest r = CreateRequest(person);
  auto first = Create("rosa", r);
  auto again = Create("rosa", r);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->id(), again->id());
  ASSERT_TRUE(List("rosa").ok());
  EXPECT_EQ(List("rosa")->handoffs_size(), 1);
  v1::CreateHandoffRequest other = r;
  other.set_case_summary("Something else.");
  EXPECT_EQ(Create("rosa", other).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(HandoffDeskTest, LawyerWorksThroughTheLedger) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
  ASSERT_TRUE(Record("advokat-lund", h.id(), Hours(5)).ok());
  ASSERT_TRUE(Record("advokat-lund", h.id(), Hours(7)).ok());  // 3 h exactly.
  auto over = Record("advokat-lund", h.id(), Hours(1));
  EXPECT_EQ(over.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(over.status().message()),
              HasSubstr("used 3 of 3 hours granted"));
  ASSERT_TRUE(Record("advokat-lund", h.id(), Extension(4)).ok());
  ASSERT_TRUE(Record("advokat-lund", h.id(), Hours(1)).ok());
  v1::HandoffEvent report;
  report.mutable_report_filed()->set_offence("trafficking");
  ASSERT_TRUE(Record("advokat-lund", h.id(), report).ok());
  v1::HandoffEvent application;
  application.mutable_application_submitted()->set_kind(
      v1::APPLICATION_KIND_REFLECTION_PERIOD);
  ASSERT_TRUE(Record("advokat-lund", h.id(), application).ok());
  auto closed = Record("advokat-lund", h.id(), Closed("Advice given."));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->state(), v1::HANDOFF_STATE_CLOSED);
  EXPECT_FALSE(closed->has_identity());
  // Nothing more once closed.
  EXPECT_EQ(Record("advokat-lund", h.id(), Hours(1)).status().code(),
            absl::StatusCode::kFailedPrecondition);

  // ROSA sees the hours ledger.
  auto seen = Get("rosa", h.id());
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->granted_quarter_hours(), 16u);
  EXPECT_EQ(seen->used_quarter_hours(), 13u);
  ASSERT_EQ(seen->ledger_size(), 8);  // The refused entry is not there.
  EXPECT_TRUE(seen->ledger(0).event().has_accepted());
  EXPECT_EQ(seen->ledger(1).event().hours_used().quarter_hours(), 5u);
  EXPECT_EQ(seen->ledger(1).actor(), "advokat-lund");
  EXPECT_TRUE(seen->ledger(7).event().has_closed());
  EXPECT_EQ(CountAudit("handoff.event", h.id()), 8);
}

TEST_F(HandoffDeskTest, ReportFiledFeedsRosasJournal) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
  v1::HandoffEvent report;
  report.mutable_report_filed()->set_offence(" Menneskehandel ");
  ASSERT_TRUE(Record("advokat-lund", h.id(), report).ok());
  std::vector<v1::JournalRecord> journal;
  ASSERT_TRUE(db_->readers()
                  .RunAndWait([&](store::Connection& conn) -> absl::Status {
                    auto read = PersonJournal(conn, h.person_id());
                    if (!read.ok()) return read.status();
                    journal = std::move(*read);
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0].police_report().offence(), v1::OFFENCE_TRAFFICKING);
  EXPECT_EQ(journal[0].recorded_by(), "advokat-lund");
  EXPECT_EQ(CountAudit("journal.record", journal[0].id()), 1);
}

TEST_F(HandoffDeskTest, DeclineNeedsAReasonAndEndsTheHandoff) {
  const v1::Handoff h = CreateWithConsent();
  auto no_reason = Record("advokat-lund", h.id(), Declined(""));
  EXPECT_EQ(no_reason.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(no_reason.status().message()),
            "event.declined.reason: required");
  auto declined = Record("advokat-lund", h.id(), Declined("No capacity."));
  ASSERT_TRUE(declined.ok()) << declined.status();
  EXPECT_EQ(declined->state(), v1::HANDOFF_STATE_DECLINED);
  EXPECT_EQ(Record("advokat-lund", h.id(), Accepted()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(HandoffDeskTest, HoursOnlyWhileAccepted) {
  const v1::Handoff h = CreateWithConsent();
  auto early = Record("advokat-lund", h.id(), Hours(1));
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(early.status().message()), HasSubstr("offered"));
}

TEST_F(HandoffDeskTest, RecordEventIsIdempotent) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
  v1::RecordHandoffEventRequest r;
  r.set_idempotency_key("hours-1");
  r.set_handoff_id(h.id());
  *r.mutable_event() = Hours(4);
  for (int i = 0; i < 2; ++i) {
    auto answer = Await<v1::Handoff>([&](auto done) {
      desk_->RecordEvent(P("advokat-lund"), r, absl::InfiniteFuture(), done);
    });
    ASSERT_TRUE(answer.ok()) << answer.status();
    EXPECT_EQ(answer->used_quarter_hours(), 4u);
  }
  *r.mutable_event() = Hours(5);
  auto reused = Await<v1::Handoff>([&](auto done) {
    desk_->RecordEvent(P("advokat-lund"), r, absl::InfiniteFuture(), done);
  });
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(Get("rosa", h.id())->used_quarter_hours(), 4u);
}

TEST_F(HandoffDeskTest, AnotherLawyerCannotSeeOrActOnAHandoff) {
  const v1::Handoff h = CreateWithConsent("advokat-lund");
  // Same words as for an id that does not exist.
  const std::string missing = "H-2026-999999";
  auto absent = Get("advokat-berg", missing);
  ASSERT_EQ(absent.status().code(), absl::StatusCode::kNotFound);
  for (const char* other : {"advokat-berg", "ks-oslo"}) {
    auto seen = Get(other, h.id());
    EXPECT_EQ(seen.status().code(), absl::StatusCode::kNotFound) << other;
    EXPECT_EQ(std::string(seen.status().message()),
              "handoff " + h.id() + " not found");
    EXPECT_EQ(std::string(Get(other, missing).status().message()),
              "handoff " + missing + " not found");
    auto acted = Record(other, h.id(), Accepted());
    EXPECT_EQ(acted.status().code(), absl::StatusCode::kNotFound) << other;
    EXPECT_EQ(std::string(acted.status().message()),
              "handoff " + h.id() + " not found");
    auto listed = List(other);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(listed->handoffs_size(), 0) << other;
  }
  // ROSA sees it but does not act for the lawyer.
  auto by_rosa = Record("rosa", h.id(), Accepted());
  EXPECT_EQ(by_rosa.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Get("advokat-lund", h.id())->state(), v1::HANDOFF_STATE_OFFERED);
}

TEST_F(HandoffDeskTest, CoordinatorSeesEveryLedgerLawyersOnlyTheirOwn) {
  const v1::Handoff lund = CreateWithConsent("advokat-lund");
  const v1::Handoff berg = CreateWithConsent("advokat-berg");
  ASSERT_TRUE(Record("advokat-berg", berg.id(), Accepted()).ok());
  ASSERT_TRUE(Record("advokat-berg", berg.id(), Hours(3)).ok());

  auto all = List("rosa");
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->handoffs_size(), 2);
  EXPECT_EQ(all->handoffs(0).id(), lund.id());
  EXPECT_EQ(all->handoffs(1).id(), berg.id());
  EXPECT_EQ(all->handoffs(1).used_quarter_hours(), 3u);
  EXPECT_EQ(all->handoffs(1).ledger_size(), 2);
  for (const v1::Handoff& h : all->handoffs()) EXPECT_FALSE(h.has_identity());

  auto own = List("advokat-lund");
  ASSERT_TRUE(own.ok()) << own.status();
  ASSERT_EQ(own->handoffs_size(), 1);
  EXPECT_EQ(own->handoffs(0).id(), lund.id());
}

TEST_F(HandoffDeskTest, ListPages) {
  for (int i = 0; i < 3; ++i) CreateWithConsent();
  std::vector<std::string> ids;
  std::string token;
  do {
    auto page = List("rosa", 2, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const v1::Handoff& h : page->handoffs()) ids.push_back(h.id());
    token = page->next_page_token();
  } while (!token.empty());
  EXPECT_THAT(ids, ::testing::ElementsAre("H-2026-000001", "H-2026-000002",
                                          "H-2026-000003"));
  EXPECT_EQ(List("rosa", 0, "bogus").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(HandoffDeskTest, LawyerAndCoordinatorHearOfEveryChange) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
  for (const char* partner : {"advokat-lund", "rosa"}) {
    int handoff_events = 0;
    for (const v1::Event& e : Events(partner)) {
      if (!e.has_handoff()) continue;
      ++handoff_events;
      EXPECT_EQ(e.handoff().handoff().id(), h.id());
      EXPECT_FALSE(e.handoff().handoff().has_identity());
    }
    EXPECT_EQ(handoff_events, 2) << partner;
  }
  for (const v1::Event& e : Events("advokat-berg")) {
    EXPECT_FALSE(e.has_handoff());
  }
}

TEST_F(HandoffDeskTest, IdsAreHandoffIds) {
  const v1::Handoff h = CreateWithConsent();
  EXPECT_THAT(h.id(), MatchesRegex("H-2026-[0-9]{6}"));
  EXPECT_EQ(Get("rosa", "R-2026-000001").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rosa::testing_handoff
