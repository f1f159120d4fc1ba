// Unit tests of HandoffDesk::ApplyRecordEvent, the form in which the
// partner gateway applies a lawyer's events (advokat/1) inside one write:
// the same checks as the RPC, all-or-nothing with the rest of the write,
// idempotent with a key and applied every time without one.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/handoff/handoff_desk_fixture.h"

namespace rosa::testing_handoff {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class HandoffApplyTest : public HandoffDeskTest {
 protected:
  v1::RecordHandoffEventRequest Request(const std::string& id,
                                        const v1::HandoffEvent& event,
                                        const std::string& key = "") {
    v1::RecordHandoffEventRequest r;
    r.set_idempotency_key(key);
    r.set_handoff_id(id);
    *r.mutable_event() = event;
    return r;
  }

  // Applies `requests` in order in one write operation, as the gateway
  // applies one payload; the last answer, or the first error.
  absl::StatusOr<v1::Handoff> ApplyAll(
      const std::string& caller,
      const std::vector<v1::RecordHandoffEventRequest>& requests) {
    v1::Handoff last;
    absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
      for (const auto& r : requests) {
        auto h = desk_->ApplyRecordEvent(txn, P(caller), r);
        if (!h.ok()) return h.status();
        last = *h;
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return last;
  }
};

TEST_F(HandoffApplyTest, SeveralEventsInOneWrite) {
  const v1::Handoff h = CreateWithConsent();
  auto after = ApplyAll("advokat-lund", {Request(h.id(), Accepted(), "a-1"),
                                         Request(h.id(), Hours(3), "a-2")});
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->state(), v1::HANDOFF_STATE_ACCEPTED);
  EXPECT_EQ(after->used_quarter_hours(), 3u);
  EXPECT_EQ(after->ledger_size(), 2);
  EXPECT_FALSE(after->has_identity());
  EXPECT_EQ(CountAudit("handoff.event", h.id()), 2);
  // Create, then one event per step, to the lawyer.
  EXPECT_EQ(Events("advokat-lund").size(), 3u);
}

TEST_F(HandoffApplyTest, AFailingEventUndoesTheWholeWrite) {
  const v1::Handoff h = CreateWithConsent();
  // 13 quarter hours pass the 12 granted.
  auto after = ApplyAll("advokat-lund", {Request(h.id(), Accepted()),
                                         Request(h.id(), Hours(13))});
  EXPECT_EQ(after.status().code(), absl::StatusCode::kFailedPrecondition);
  auto now = Get("rosa", h.id());
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->state(), v1::HANDOFF_STATE_OFFERED);
  EXPECT_EQ(now->ledger_size(), 0);
  EXPECT_EQ(CountAudit("handoff.event", h.id()), 0);
  EXPECT_EQ(Events("advokat-lund").size(), 1u);
}

TEST_F(HandoffApplyTest, KeyedOnceKeylessEveryTime) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(ApplyAll("advokat-lund", {Request(h.id(), Accepted())}).ok());
  const auto keyed = Request(h.id(), Hours(2), "payload-1:0");
  const auto keyless = Request(h.id(), Hours(1));
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(ApplyAll("advokat-lund", {keyed, keyless}).ok());
  }
  // 2 once, 1 twice.
  EXPECT_EQ(Get("rosa", h.id())->used_quarter_hours(), 4u);

  // A key given through the RPC and through a payload is one key: the
  // RPC's retry of a payload's event is answered from the record.
  auto again = Await<v1::Handoff>([&](auto done) {
    desk_->RecordEvent(P("advokat-lund"), keyed, absl::InfiniteFuture(), done);
  });
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->used_quarter_hours(), 2u);
  auto other = Request(h.id(), Hours(5), "payload-1:0");
  EXPECT_EQ(ApplyAll("advokat-lund", {other}).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(HandoffApplyTest, RunsTheRpcsChecks) {
  const v1::Handoff h = CreateWithConsent();
  auto bad_id =
      ApplyAll("advokat-lund", {Request("R-2026-000001", Accepted())});
  EXPECT_EQ(bad_id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_id.status().message()),
              StartsWith("handoff_id: "));

  auto future = Request(h.id(), Accepted());
  *future.mutable_occurred_at() = ToProtoTime(clock_.Now() + absl::Hours(1));
  auto late = ApplyAll("advokat-lund", {future});
  EXPECT_EQ(late.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(late.status().message()),
              StartsWith("occurred_at: "));

  auto bad_key =
      ApplyAll("advokat-lund", {Request(h.id(), Accepted(), "has a space")});
  EXPECT_THAT(std::string(bad_key.status().message()),
              StartsWith("idempotency_key: "));

  // Another lawyer is told the handoff does not exist; ROSA, which sees
  // it, may not act as its lawyer.
  EXPECT_EQ(
      ApplyAll("advokat-berg", {Request(h.id(), Accepted())}).status().code(),
      absl::StatusCode::kNotFound);
  auto rosa = ApplyAll("rosa", {Request(h.id(), Accepted())});
  EXPECT_EQ(rosa.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(rosa.status().message()), HasSubstr("lawyer"));
}

TEST_F(HandoffApplyTest, TheRpcStillRequiresAKey) {
  const v1::Handoff h = CreateWithConsent();
  auto r = Request(h.id(), Accepted());
  auto answer = Await<v1::Handoff>([&](auto done) {
    desk_->RecordEvent(P("advokat-lund"), r, absl::InfiniteFuture(), done);
  });
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(answer.status().message()),
              StartsWith("idempotency_key: "));
}

}  // namespace
}  // namespace rosa::testing_handoff
