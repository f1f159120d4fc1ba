// Unit tests of the handoff rules: request shapes, the state machine (every
// event in every state) and the hours ledger.
#include "hub/handoff/handoff_ledger.h"

#include <string>
#include <tuple>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

v1::Handoff InState(v1::HandoffState state, uint32_t granted = 12,
                    uint32_t used = 0) {
  v1::Handoff h;
  h.set_id("H-2026-000001");
  h.set_state(state);
  h.set_granted_quarter_hours(granted);
  h.set_used_quarter_hours(used);
  return h;
}

v1::HandoffEvent Accepted() {
  v1::HandoffEvent e;
  e.mutable_accepted();
  return e;
}
v1::HandoffEvent Declined(const std::string& reason = "Conflict of interest") {
  v1::HandoffEvent e;
  e.mutable_declined()->set_reason(reason);
  return e;
}
v1::HandoffEvent Hours(uint32_t quarter_hours) {
  v1::HandoffEvent e;
  e.mutable_hours_used()->set_quarter_hours(quarter_hours);
  return e;
}
v1::HandoffEvent Extension(uint32_t quarter_hours) {
  v1::HandoffEvent e;
  e.mutable_extension_granted()->set_quarter_hours(quarter_hours);
  return e;
}
v1::HandoffEvent Report(const std::string& offence = "trafficking") {
  v1::HandoffEvent e;
  e.mutable_report_filed()->set_offence(offence);
  return e;
}
v1::HandoffEvent Application(
    v1::ApplicationKind kind = v1::APPLICATION_KIND_REFLECTION_PERIOD) {
  v1::HandoffEvent e;
  e.mutable_application_submitted()->set_kind(kind);
  return e;
}
v1::HandoffEvent Closed(const std::string& summary = "Advice given.") {
  v1::HandoffEvent e;
  e.mutable_closed()->set_summary(summary);
  return e;
}

// --- Hours ledger -----------------------------------------------------------

TEST(HoursLedgerTest, QuarterHoursOnlyOneToFortyEight) {
  EXPECT_TRUE(ValidateHandoffEvent(Hours(1)).ok());
  EXPECT_TRUE(ValidateHandoffEvent(Hours(48)).ok());
  for (uint32_t bad : {0u, 49u, 1000u}) {
    absl::Status s = ValidateHandoffEvent(Hours(bad));
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(s.message()),
                AllOf(HasSubstr("event.hours_used.quarter_hours"),
                      HasSubstr("1 to 48 quarter hours")));
  }
}

TEST(HoursLedgerTest, ExtensionOneToEighty) {
  EXPECT_TRUE(ValidateHandoffEvent(Extension(1)).ok());
  EXPECT_TRUE(ValidateHandoffEvent(Extension(80)).ok());
  EXPECT_EQ(ValidateHandoffEvent(Extension(0)).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateHandoffEvent(Extension(81)).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(HoursLedgerTest, TotalExactlyAtBudgetAllowed) {
  v1::Handoff h = InState(v1::HANDOFF_STATE_ACCEPTED);
  ASSERT_TRUE(ApplyHandoffEvent(h, Hours(5)).ok());
  ASSERT_TRUE(ApplyHandoffEvent(h, Hours(7)).ok());
  EXPECT_EQ(h.used_quarter_hours(), 12u);
  EXPECT_EQ(h.granted_quarter_hours(), 12u);
}

TEST(HoursLedgerTest, OverBudgetRefusedStatingUsedAndGranted) {
  v1::Handoff h = InState(v1::HANDOFF_STATE_ACCEPTED, 12, 10);
  absl::Status s = ApplyHandoffEvent(h, Hours(3));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()),
              AllOf(HasSubstr("used 2.5 of 3 hours granted"),
                    HasSubstr("3.25 hours would pass")));
  EXPECT_EQ(h.used_quarter_hours(), 10u);  // Unchanged.
}

TEST(HoursLedgerTest, FirstEntryOverBudgetRefused) {
  v1::Handoff h = InState(v1::HANDOFF_STATE_ACCEPTED);
  EXPECT_EQ(ApplyHandoffEvent(h, Hours(13)).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(HoursLedgerTest, AllowedAfterAnExtension) {
  v1::Handoff h = InState(v1::HANDOFF_STATE_ACCEPTED, 12, 12);
  ASSERT_EQ(ApplyHandoffEvent(h, Hours(1)).code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ApplyHandoffEvent(h, Extension(8)).ok());
  EXPECT_EQ(h.granted_quarter_hours(), 20u);
  ASSERT_TRUE(ApplyHandoffEvent(h, Hours(8)).ok());
  EXPECT_EQ(h.used_quarter_hours(), 20u);
  // The extension is spent: the next quarter hour passes the budget again.
  EXPECT_EQ(ApplyHandoffEvent(h, Hours(1)).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(HoursLedgerTest, FormatsQuarterHours) {
  EXPECT_EQ(FormatQuarterHours(0), "0");
  EXPECT_EQ(FormatQuarterHours(1), "0.25");
  EXPECT_EQ(FormatQuarterHours(2), "0.5");
  EXPECT_EQ(FormatQuarterHours(12), "3");
  EXPECT_EQ(FormatQuarterHours(15), "3.75");
}

// --- State machine
// ------------------------------------------------------------

enum class EventKind {
  kAccepted,
  kDeclined,
  kHours,
  kExtension,
  kReport,
  kApplication,
  kClosed
};

v1::HandoffEvent Make(EventKind kind) {
  switch (kind) {
    case EventKind::kAccepted:
      return Accepted();
    case EventKind::kDeclined:
      return Declined();
    case EventKind::kHours:
      return Hours(2);
    case EventKind::kExtension:
      return Extension(4);
    case EventKind::kReport:
      return Report();
    case EventKind::kApplication:
      return Application();
    case EventKind::kClosed:
      return Closed();
  }
  return {};
}

// The state after the event, or UNSPECIFIED if the event is refused.
v1::HandoffState Expected(v1::HandoffState from, EventKind kind) {
  switch (kind) {
    case EventKind::kAccepted:
      return from == v1::HANDOFF_STATE_OFFERED ? v1::HANDOFF_STATE_ACCEPTED
                                               : v1::HANDOFF_STATE_UNSPECIFIED;
    case EventKind::kDeclined:
      return from == v1::HANDOFF_STATE_OFFERED ? v1::HANDOFF_STATE_DECLINED
                                               : v1::HANDOFF_STATE_UNSPECIFIED;
    case EventKind::kClosed:
      return from == v1::HANDOFF_STATE_ACCEPTED ? v1::HANDOFF_STATE_CLOSED
                                                : v1::HANDOFF_STATE_UNSPECIFIED;
    default:
      return from == v1::HANDOFF_STATE_ACCEPTED ? v1::HANDOFF_STATE_ACCEPTED
                                                : v1::HANDOFF_STATE_UNSPECIFIED;
  }
}

class StateMachineTest
    : public ::testing::TestWithParam<std::tuple<v1::HandoffState, EventKind>> {
};

TEST_P(StateMachineTest, EveryEventInEveryState) {
  const auto [from, kind] = GetParam();
  const v1::HandoffEvent event = Make(kind);
  ASSERT_TRUE(ValidateHandoffEvent(event).ok());
  v1::Handoff h = InState(from);
  const v1::HandoffState want = Expected(from, kind);
  absl::Status s = ApplyHandoffEvent(h, event);
  if (want == v1::HANDOFF_STATE_UNSPECIFIED) {
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(s.message()),
                AllOf(HasSubstr(HandoffStateName(from)),
                      HasSubstr(HandoffEventName(event))));
    EXPECT_EQ(h.state(), from);
  } else {
    EXPECT_TRUE(s.ok()) << s;
    EXPECT_EQ(h.state(), want);
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllSteps, StateMachineTest,
    ::testing::Combine(
        ::testing::Values(v1::HANDOFF_STATE_OFFERED, v1::HANDOFF_STATE_ACCEPTED,
                          v1::HANDOFF_STATE_DECLINED, v1::HANDOFF_STATE_CLOSED),
        ::testing::Values(EventKind::kAccepted, EventKind::kDeclined,
                          EventKind::kHours, EventKind::kExtension,
                          EventKind::kReport, EventKind::kApplication,
                          EventKind::kClosed)));

// --- Event fields
// ---------------------------------------------------------------

TEST(HandoffEventTest, DeclineNeedsReason) {
  for (const std::string reason : {"", "   "}) {
    absl::Status s = ValidateHandoffEvent(Declined(reason));
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(s.message()), "event.declined.reason: required");
  }
  EXPECT_TRUE(ValidateHandoffEvent(Declined(std::string(500, 'x'))).ok());
  EXPECT_EQ(ValidateHandoffEvent(Declined(std::string(501, 'x'))).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(HandoffEventTest, CloseNeedsSummaryOfAtMost2000Characters) {
  EXPECT_EQ(ValidateHandoffEvent(Closed("")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateHandoffEvent(Closed(std::string(2000, 'x'))).ok());
  // 2000 characters of two bytes each are still 2000 characters.
  std::string wide;
  for (int i = 0; i < 2000; ++i) wide += "\xC3\xB8";  // U+00F8
  EXPECT_TRUE(ValidateHandoffEvent(Closed(wide)).ok());
  absl::Status s = ValidateHandoffEvent(Closed(std::string(2001, 'x')));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(s.message()),
            "event.closed.summary: at most 2000 characters");
}

TEST(HandoffEventTest, OffenceRequiredAndAtMost100Characters) {
  EXPECT_TRUE(ValidateHandoffEvent(Report("trafficking")).ok());
  EXPECT_TRUE(ValidateHandoffEvent(Report(std::string(100, 'x'))).ok());
  EXPECT_EQ(ValidateHandoffEvent(Report("")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateHandoffEvent(Report(std::string(101, 'x'))).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(HandoffEventTest, ApplicationKinds) {
  for (v1::ApplicationKind kind :
       {v1::APPLICATION_KIND_REFLECTION_PERIOD,
        v1::APPLICATION_KIND_EXTENDED_REFLECTION_PERIOD,
        v1::APPLICATION_KIND_ASYLUM, v1::APPLICATION_KIND_RESIDENCE_PERMIT}) {
    EXPECT_TRUE(ValidateHandoffEvent(Application(kind)).ok()) << kind;
  }
  EXPECT_EQ(ValidateHandoffEvent(Application(v1::APPLICATION_KIND_UNSPECIFIED))
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      ValidateHandoffEvent(Application(static_cast<v1::ApplicationKind>(99)))
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(HandoffEventTest, EventRequired) {
  EXPECT_EQ(ValidateHandoffEvent(v1::HandoffEvent()).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(HandoffEventTest, MessagesNeverEchoFreeText) {
  const std::string secret = "Ana Popescu +4790000000";
  for (const v1::HandoffEvent& e : {Declined(secret + std::string(600, 'x')),
                                    Report(secret + std::string(100, 'x')),
                                    Closed(secret + std::string(2000, 'x'))}) {
    absl::Status s = ValidateHandoffEvent(e);
    ASSERT_FALSE(s.ok());
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr("Popescu")));
  }
}

// --- Requests
// -----------------------------------------------------------------

v1::CreateHandoffRequest ValidCreate() {
  v1::CreateHandoffRequest r;
  r.set_idempotency_key("create-1");
  r.set_lawyer("advokat-lund");
  r.set_person_id("P-7KQ2M9XA3B");
  r.set_case_summary("Identified by police in Oslo.");
  r.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  r.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
  return r;
}

TEST(CreateHandoffTest, ValidRequestPasses) {
  EXPECT_TRUE(ValidateCreateHandoff(ValidCreate()).ok());
}

TEST(CreateHandoffTest, FieldsNamedInErrors) {
  auto expect = [](v1::CreateHandoffRequest r, const std::string& field) {
    absl::Status s = ValidateCreateHandoff(r);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << field;
    EXPECT_THAT(std::string(s.message()), HasSubstr(field + ":"));
  };
  v1::CreateHandoffRequest r = ValidCreate();
  r.clear_idempotency_key();
  expect(r, "idempotency_key");
  r = ValidCreate();
  r.set_lawyer("Advokat Lund");
  expect(r, "lawyer");
  r = ValidCreate();
  r.set_person_id("Ana Popescu");
  expect(r, "person_id");
  r = ValidCreate();
  r.set_case_summary(std::string(2001, 'x'));
  expect(r, "case_summary");
  r = ValidCreate();
  r.clear_purposes();
  expect(r, "purposes");
  r = ValidCreate();
  r.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
  expect(r, "purposes[1]");
  r = ValidCreate();
  r.add_purposes(v1::COUNSELLING_PURPOSE_UNSPECIFIED);
  expect(r, "purposes[1]");
  r = ValidCreate();
  r.set_granted_quarter_hours(13);
  expect(r, "granted_quarter_hours");
}

TEST(RecordHandoffEventTest, ShapeChecked) {
  const absl::Time now = absl::FromCivil(
      absl::CivilSecond(2026, 11, 29, 10, 0, 0), absl::UTCTimeZone());
  v1::RecordHandoffEventRequest r;
  r.set_idempotency_key("e-1");
  r.set_handoff_id("H-2026-000001");
  *r.mutable_event() = Accepted();
  EXPECT_TRUE(ValidateRecordHandoffEvent(r, now).ok());
  *r.mutable_occurred_at() = ToProtoTime(now + absl::Hours(1));
  EXPECT_EQ(ValidateRecordHandoffEvent(r, now).code(),
            absl::StatusCode::kInvalidArgument);
  r.clear_occurred_at();
  r.set_handoff_id("R-2026-000001");
  EXPECT_EQ(ValidateRecordHandoffEvent(r, now).code(),
            absl::StatusCode::kInvalidArgument);
  r.set_handoff_id("H-2026-000001");
  r.clear_event();
  EXPECT_EQ(ValidateRecordHandoffEvent(r, now).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RecordHandoffEventTest, CommandMayComeWithoutAKey) {
  const absl::Time now = absl::FromCivil(
      absl::CivilSecond(2026, 11, 29, 10, 0, 0), absl::UTCTimeZone());
  v1::RecordHandoffEventRequest r;
  r.set_handoff_id("H-2026-000001");
  *r.mutable_event() = Accepted();
  // The RPC needs a key; the gateway's command may come without one.
  EXPECT_EQ(ValidateRecordHandoffEvent(r, now).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateRecordHandoffEventCommand(r, now).ok());
  r.set_idempotency_key("not printable\n");
  EXPECT_EQ(ValidateRecordHandoffEventCommand(r, now).code(),
            absl::StatusCode::kInvalidArgument);
  r.set_idempotency_key("payload:0");
  EXPECT_TRUE(ValidateRecordHandoffEventCommand(r, now).ok());
  // Everything else is checked as for the RPC.
  r.clear_event();
  EXPECT_EQ(ValidateRecordHandoffEventCommand(r, now).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rosa
