// Unit tests of the referral desk: status updates and their rules, listing,
// holds, and updates applied inside a caller's write.
#include <string>

#include "tests/hub/referral/referral_desk_fixture.h"

namespace rosa::testing_referral_desk {
namespace {

TEST_F(ReferralDeskTest, RejectAndCancelRecordTheirReason) {
  const std::string a =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  ASSERT_TRUE(Update("ks-oslo", a, v1::REFERRAL_STATE_RECEIVED).ok());
  auto rejected = Update("ks-oslo", a, v1::REFERRAL_STATE_REJECTED, "Full");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->history(2).reason(), "Full");

  const std::string b =
      Submit("rosa", Placement("b", "ks-oslo"))->referral().id();
  auto cancelled = Update("rosa", b, v1::REFERRAL_STATE_CANCELLED, "Moved");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->history(1).actor(), "rosa");
}

TEST_F(ReferralDeskTest, OnlyTheRecipientMovesForwardAndOnlyTheSenderCancels) {
  ASSERT_NO_FATAL_FAILURE(Host("ks-telemark"));
  const std::string id =
      Submit("ks-telemark", Placement("a", "filemon"))->referral().id();
  auto by_sender = Update("ks-telemark", id, v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(by_sender.status().code(), absl::StatusCode::kPermissionDenied);
  auto by_coordinator = Update("rosa", id, v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(by_coordinator.status().code(),
            absl::StatusCode::kPermissionDenied);
  auto cancel_by_recipient =
      Update("filemon", id, v1::REFERRAL_STATE_CANCELLED, "no");
  EXPECT_EQ(cancel_by_recipient.status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Get("rosa", id)->version(), 1u);
}

TEST_F(ReferralDeskTest, IllegalStepIsFailedPreconditionNamingTheState) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  auto r = Update("ks-oslo", id, v1::REFERRAL_STATE_IN_PROGRESS);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("is received"));
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_REJECTED, "x").ok());
  auto cancel = Update("rosa", id, v1::REFERRAL_STATE_CANCELLED, "late");
  EXPECT_EQ(cancel.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(cancel.status().message()), HasSubstr("rejected"));
}

TEST_F(ReferralDeskTest, SameStepSentTwiceIsAHarmlessDuplicate) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateReferralStatusRequest r;
  r.set_referral_id(id);
  r.set_target(v1::REFERRAL_STATE_RECEIVED);
  *r.mutable_occurred_at() = ToProtoTime(clock_.Now());
  r.set_idempotency_key("first");
  ASSERT_TRUE(UpdateWith("ks-oslo", r).ok());
  r.set_idempotency_key("second");  // A partner system re-sending its file.
  auto again = UpdateWith("ks-oslo", r);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version(), 2u);
  EXPECT_EQ(Events("ks-oslo").size(), 2u);
}

TEST_F(ReferralDeskTest, StepCannotPrecedeThePreviousOne) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateReferralStatusRequest r;
  r.set_idempotency_key("early");
  r.set_referral_id(id);
  r.set_target(v1::REFERRAL_STATE_RECEIVED);
  *r.mutable_occurred_at() = ToProtoTime(clock_.Now() - absl::Hours(1));
  auto early = UpdateWith("ks-oslo", r);
  EXPECT_EQ(early.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(early.status().message()), HasSubstr("occurred_at"));
}

TEST_F(ReferralDeskTest, UpdateRetryWithSameKeyAppliesOnce) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateReferralStatusRequest r;
  r.set_idempotency_key("u1");
  r.set_referral_id(id);
  r.set_target(v1::REFERRAL_STATE_RECEIVED);
  ASSERT_TRUE(UpdateWith("ks-oslo", r).ok());
  auto again = UpdateWith("ks-oslo", r);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version(), 2u);
  EXPECT_EQ(Events("ks-oslo").size(), 2u);
}

TEST_F(ReferralDeskTest, ListPagesAndFilters) {
  std::vector<std::string> submitted;
  for (int i = 0; i < 5; ++i) {
    auto r = Submit("rosa", Placement(absl::StrCat("p", i),
                                      i % 2 == 0 ? "ks-oslo" : "filemon"));
    ASSERT_TRUE(r.ok()) << r.status();
    submitted.push_back(r->referral().id());
  }
  // The third arrives at ks-oslo, which refers her on.
  for (auto s : {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
                 v1::REFERRAL_STATE_IN_PROGRESS}) {
    ASSERT_TRUE(Update("ks-oslo", submitted[2], s).ok());
  }
  ASSERT_TRUE(Submit("ks-oslo", Placement("own", "filemon")).ok());

  v1::ListReferralsRequest page;
  page.set_page_size(2);
  std::vector<std::string> ids;
  for (int pages = 0;; ++pages) {
    ASSERT_LT(pages, 10);
    auto r = List("rosa", page);
    ASSERT_TRUE(r.ok()) << r.status();
    for (const auto& ref : r->referrals()) ids.push_back(ref.id());
    if (r->next_page_token().empty()) break;
    page.set_page_token(r->next_page_token());
  }
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));

  v1::ListReferralsRequest received;
  received.set_role(v1::REFERRAL_ROLE_RECEIVED);
  EXPECT_EQ(List("ks-oslo", received)->referrals_size(), 3);
  v1::ListReferralsRequest sent;
  sent.set_role(v1::REFERRAL_ROLE_SENT);
  EXPECT_EQ(List("ks-oslo", sent)->referrals_size(), 1);
  EXPECT_EQ(List("ks-oslo", {})->referrals_size(), 4);
  EXPECT_EQ(List("rosa", sent)->referrals_size(), 5);

  const std::string first = ids.front();
  ASSERT_TRUE(Update("ks-oslo", first, v1::REFERRAL_STATE_RECEIVED).ok());
  v1::ListReferralsRequest by_state;
  by_state.set_state(v1::REFERRAL_STATE_RECEIVED);
  auto r = List("rosa", by_state);
  ASSERT_EQ(r->referrals_size(), 1);
  EXPECT_EQ(r->referrals(0).id(), first);

  clock_.Advance(absl::Hours(1));
  ASSERT_TRUE(Update("ks-oslo", first, v1::REFERRAL_STATE_ACCEPTED).ok());
  v1::ListReferralsRequest recent;
  *recent.mutable_updated_since() =
      ToProtoTime(clock_.Now() - absl::Minutes(1));
  EXPECT_EQ(List("rosa", recent)->referrals_size(), 1);

  // Only what the hub hands out ("v1.<digits>", store/page_token.h): not
  // garbage, and not a sign or a space that a number parser would take.
  for (const char* token : {"garbage", "v1.+1", "v1. 1", "v1.-1", "v1."}) {
    v1::ListReferralsRequest bad;
    bad.set_page_token(token);
    EXPECT_EQ(List("rosa", bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << token;
  }
}

TEST_F(ReferralDeskTest, HoldIsRefusedWithoutAPlacementDesk) {
  // This desk was made without a placement desk: no place can be held, so
  // the referral is not made (ROSA would otherwise believe a place is kept).
  v1::SubmitReferralRequest r = Placement("h1", "ks-oslo");
  r.mutable_hold()->set_facility_id("ks-oslo");
  auto held = Submit("rosa", r);
  EXPECT_EQ(held.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(held.status().message()), HasSubstr("hold"));
  // The request's own shape is checked first.
  r.mutable_hold()->clear_facility_id();
  EXPECT_THAT(std::string(Submit("rosa", r).status().message()),
              HasSubstr("hold.facility_id: required"));
  r.mutable_hold()->set_facility_id("ks-oslo");
  EXPECT_EQ(Submit("ks-telemark", r).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Events("rosa").empty());
}

TEST_F(ReferralDeskTest, ApplyUpdateStatusRunsInsideTheCallersWrite) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  // Two steps in one write, as the partner gateway applies a payload.
  v1::UpdateReferralStatusRequest received;
  received.set_idempotency_key("g-1");
  received.set_referral_id(id);
  received.set_target(v1::REFERRAL_STATE_RECEIVED);
  v1::UpdateReferralStatusRequest accepted = received;
  accepted.set_idempotency_key("g-2");
  accepted.set_target(v1::REFERRAL_STATE_ACCEPTED);
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto a = desk_->ApplyUpdateStatus(txn, P("ks-oslo"), received);
    if (!a.ok()) return a.status();
    auto b = desk_->ApplyUpdateStatus(txn, P("ks-oslo"), accepted);
    if (!b.ok()) return b.status();
    EXPECT_EQ(b->state(), v1::REFERRAL_STATE_ACCEPTED);
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Get("rosa", id)->version(), 3u);
  // The recorded answers replay: the same commands again change nothing.
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateStatus(txn, P("ks-oslo"), received).status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Get("rosa", id)->version(), 3u);

  // A failing later command fails the whole write.
  v1::UpdateReferralStatusRequest progress = received;
  progress.set_idempotency_key("g-3");
  progress.set_target(v1::REFERRAL_STATE_IN_PROGRESS);
  v1::UpdateReferralStatusRequest bad = received;
  bad.set_idempotency_key("g-4");
  bad.set_target(v1::REFERRAL_STATE_REJECTED);  // No reason.
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto a = desk_->ApplyUpdateStatus(txn, P("ks-oslo"), progress);
    if (!a.ok()) return a.status();
    return desk_->ApplyUpdateStatus(txn, P("ks-oslo"), bad).status();
  });
  EXPECT_THAT(std::string(s.message()), HasSubstr("reason"));
  EXPECT_EQ(Get("rosa", id)->state(), v1::REFERRAL_STATE_ACCEPTED);

  // Without a key the command applies, and is recorded nowhere.
  progress.clear_idempotency_key();
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateStatus(txn, P("ks-oslo"), progress).status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Get("rosa", id)->state(), v1::REFERRAL_STATE_IN_PROGRESS);
  // The RPC path still requires a key.
  EXPECT_THAT(std::string(UpdateWith("ks-oslo", progress).status().message()),
              HasSubstr("idempotency_key"));
}

TEST_F(ReferralDeskTest, ApplyUpdateAssistedReturnChecksLikeTheRpc) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateAssistedReturnRequest r;
  r.set_referral_id(id);
  r.mutable_assisted_return()->set_status(v1::ASSISTED_RETURN_STATUS_RECEIVED);
  r.mutable_assisted_return()->set_status_date("2026-11-29");
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateAssistedReturn(txn, P("iom"), r).status();
  });
  // IOM cannot see ks-oslo's placement referral at all.
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateAssistedReturn(txn, P("ks-oslo"), r).status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
}

}  // namespace
}  // namespace rosa::testing_referral_desk
