// Integration tests of ReferralService against the real hub: the lifecycle
// of a placement, who may make which step and idempotent retries.
#include <string>

#include "tests/integration/referral_lifecycle_fixture.h"

namespace rosa::integration::testing_referral {
namespace {

TEST_F(ReferralLifecycleTest, PlacementRunsFromRequestedToCompleted) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");

  const SubmitReferralRequest request = NewReferralRequest("ks-oslo");
  SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(request, &submitted), IsOk());
  EXPECT_FALSE(submitted.replayed());
  const Referral& created = submitted.referral();
  const std::string id = created.id();
  EXPECT_THAT(id, MatchesRegex("R-[0-9]{4}-[0-9]{6}"));
  EXPECT_EQ(created.type(), v1::REFERRAL_TYPE_PLACEMENT);
  EXPECT_EQ(created.sender(), "rosa");
  EXPECT_EQ(created.recipient(), "ks-oslo");
  EXPECT_EQ(created.state(), v1::REFERRAL_STATE_REQUESTED);
  EXPECT_EQ(created.person_ref(), request.person_ref());
  EXPECT_TRUE(MessageDifferencer::Equals(created.facts(), request.facts()))
      << created.facts().DebugString();
  EXPECT_EQ(created.note(), request.note());
  EXPECT_TRUE(created.has_created_at());
  EXPECT_EQ(created.version(), 1u);
  ASSERT_THAT(created.history(), SizeIs(1));
  EXPECT_EQ(created.history(0).from(), v1::REFERRAL_STATE_UNSPECIFIED);
  EXPECT_EQ(created.history(0).to(), v1::REFERRAL_STATE_REQUESTED);
  EXPECT_EQ(created.history(0).actor(), "rosa");
  ExpectStored(rosa, id, v1::REFERRAL_STATE_REQUESTED, 1);
  ExpectStored(oslo, id, v1::REFERRAL_STATE_REQUESTED, 1);

  const ReferralState steps[] = {v1::REFERRAL_STATE_RECEIVED,
                                 v1::REFERRAL_STATE_ACCEPTED,
                                 v1::REFERRAL_STATE_IN_PROGRESS};
  uint64_t version = 1;
  for (ReferralState step : steps) {
    SCOPED_TRACE(v1::ReferralState_Name(step));
    Referral moved;
    ASSERT_THAT(oslo.Move(id, step, &moved), IsOk());
    ++version;
    EXPECT_EQ(moved.state(), step);
    EXPECT_EQ(moved.version(), version);
    ExpectStored(rosa, id, step, version);
    ExpectStored(oslo, id, step, version);
  }

  // Nights stayed may be unknown, but never more than ten years.
  EXPECT_THAT(
      oslo.Move(id, v1::REFERRAL_STATE_COMPLETED, nullptr, "", 3661),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("nights_stayed")));
  ExpectStored(rosa, id, v1::REFERRAL_STATE_IN_PROGRESS, 4);

  Referral completed;
  ASSERT_THAT(oslo.Move(id, v1::REFERRAL_STATE_COMPLETED, &completed,
                        /*reason=*/"", /*nights_stayed=*/12),
              IsOk());
  EXPECT_EQ(completed.state(), v1::REFERRAL_STATE_COMPLETED);
  ExpectStored(rosa, id, v1::REFERRAL_STATE_COMPLETED, 5);
  ExpectStored(oslo, id, v1::REFERRAL_STATE_COMPLETED, 5);

  Referral final_state;
  ASSERT_THAT(rosa.Get(id, &final_state), IsOk());
  ASSERT_THAT(final_state.history(), SizeIs(5));
  const ReferralState expected_to[] = {
      v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_RECEIVED,
      v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_IN_PROGRESS,
      v1::REFERRAL_STATE_COMPLETED};
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    const v1::Transition& t = final_state.history(i);
    EXPECT_EQ(t.to(), expected_to[i]);
    EXPECT_EQ(t.from(),
              i == 0 ? v1::REFERRAL_STATE_UNSPECIFIED : expected_to[i - 1]);
    EXPECT_EQ(t.actor(), i == 0 ? "rosa" : "ks-oslo");
  }
  const v1::Transition& last = final_state.history(4);
  ASSERT_TRUE(last.has_nights_stayed());
  EXPECT_EQ(last.nights_stayed(), 12u);
}

TEST_F(ReferralLifecycleTest, OnlyRecipientMovesForwardAndOnlySenderCancels) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  Referral r = MustSubmit(rosa, NewReferralRequest("ks-oslo"));
  ASSERT_FALSE(r.id().empty());

  EXPECT_THAT(rosa.Move(r.id(), v1::REFERRAL_STATE_RECEIVED),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(oslo.Move(r.id(), v1::REFERRAL_STATE_RECEIVED), IsOk());
  EXPECT_THAT(rosa.Move(r.id(), v1::REFERRAL_STATE_ACCEPTED),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(rosa.Move(r.id(), v1::REFERRAL_STATE_REJECTED, nullptr,
                        "No capacity this week"),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(oslo.Move(r.id(), v1::REFERRAL_STATE_CANCELLED, nullptr,
                        "Changed our mind"),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  ExpectStored(rosa, r.id(), v1::REFERRAL_STATE_RECEIVED, 2);

  // The sender may cancel while accepted.
  ASSERT_THAT(oslo.Move(r.id(), v1::REFERRAL_STATE_ACCEPTED), IsOk());
  EXPECT_THAT(
      rosa.Move(r.id(), v1::REFERRAL_STATE_CANCELLED),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("reason")));
  Referral cancelled;
  ASSERT_THAT(rosa.Move(r.id(), v1::REFERRAL_STATE_CANCELLED, &cancelled,
                        "Person went to another city"),
              IsOk());
  EXPECT_EQ(cancelled.state(), v1::REFERRAL_STATE_CANCELLED);
  ASSERT_THAT(cancelled.history(), SizeIs(4));
  EXPECT_EQ(cancelled.history(3).reason(), "Person went to another city");
  EXPECT_EQ(cancelled.history(3).actor(), "rosa");
  EXPECT_THAT(
      oslo.Move(r.id(), v1::REFERRAL_STATE_IN_PROGRESS),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION, NamesState("cancelled")));
}

TEST_F(ReferralLifecycleTest, IllegalStepIsFailedPreconditionNamingState) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  Referral r = MustSubmit(rosa, NewReferralRequest("ks-oslo"));
  ASSERT_FALSE(r.id().empty());
  ASSERT_THAT(oslo.Move(r.id(), v1::REFERRAL_STATE_RECEIVED), IsOk());

  EXPECT_THAT(
      oslo.Move(r.id(), v1::REFERRAL_STATE_IN_PROGRESS),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION, NamesState("received")));
  EXPECT_THAT(
      oslo.Move(r.id(), v1::REFERRAL_STATE_COMPLETED, nullptr, "", 3),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION, NamesState("received")));
  ExpectStored(rosa, r.id(), v1::REFERRAL_STATE_RECEIVED, 2);

  // Rejecting needs a reason; then nothing moves a rejected referral.
  EXPECT_THAT(
      oslo.Move(r.id(), v1::REFERRAL_STATE_REJECTED),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("reason")));
  Referral rejected;
  ASSERT_THAT(
      oslo.Move(r.id(), v1::REFERRAL_STATE_REJECTED, &rejected, "No capacity"),
      IsOk());
  EXPECT_EQ(rejected.state(), v1::REFERRAL_STATE_REJECTED);
  EXPECT_THAT(
      oslo.Move(r.id(), v1::REFERRAL_STATE_ACCEPTED),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION, NamesState("rejected")));
  EXPECT_THAT(
      rosa.Move(r.id(), v1::REFERRAL_STATE_CANCELLED, nullptr, "Too late"),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION, NamesState("rejected")));
  ExpectStored(rosa, r.id(), v1::REFERRAL_STATE_REJECTED, 3);
}

TEST_F(ReferralLifecycleTest, RetryWithSameKeyReplaysAndWritesNothing) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  const SubmitReferralRequest request = NewReferralRequest("ks-oslo");

  SubmitReferralResponse first;
  ASSERT_THAT(rosa.Submit(request, &first), IsOk());
  EXPECT_FALSE(first.replayed());
  SubmitReferralResponse second;
  ASSERT_THAT(rosa.Submit(request, &second), IsOk());
  EXPECT_TRUE(second.replayed());
  EXPECT_EQ(second.referral().id(), first.referral().id());
  EXPECT_EQ(second.referral().version(), first.referral().version());
  EXPECT_EQ(second.referral().person_ref(), request.person_ref());

  std::vector<Referral> listed = ListAs(rosa, ListReferralsRequest());
  EXPECT_THAT(Ids(listed), ElementsAreArray({first.referral().id()}));
  EXPECT_THAT(ListAs(oslo, ListReferralsRequest()), SizeIs(1));

  // A status update retried with its key is applied once.
  const UpdateReferralStatusRequest update =
      NewUpdateRequest(first.referral().id(), v1::REFERRAL_STATE_RECEIVED);
  Referral after_first;
  ASSERT_THAT(oslo.Update(update, &after_first), IsOk());
  Referral after_retry;
  ASSERT_THAT(oslo.Update(update, &after_retry), IsOk());
  EXPECT_EQ(after_first.version(), 2u);
  EXPECT_EQ(after_retry.version(), 2u);
  EXPECT_EQ(after_retry.state(), v1::REFERRAL_STATE_RECEIVED);
  ExpectStored(rosa, first.referral().id(), v1::REFERRAL_STATE_RECEIVED, 2);
}

TEST_F(ReferralLifecycleTest, SameKeyWithAnotherBodyIsAlreadyExists) {
  PartnerClient rosa = Client("rosa");
  const SubmitReferralRequest request = NewReferralRequest("ks-oslo");
  SubmitReferralResponse first;
  ASSERT_THAT(rosa.Submit(request, &first), IsOk());

  SubmitReferralRequest other_person = request;
  other_person.set_person_ref(NewPersonRef());
  SubmitReferralResponse response;
  EXPECT_THAT(rosa.Submit(other_person, &response),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS));

  SubmitReferralRequest other_recipient = request;
  other_recipient.set_recipient("lauras-hus");
  EXPECT_THAT(rosa.Submit(other_recipient, &response),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS));

  SubmitReferralRequest other_age = request;
  other_age.mutable_facts()->set_age(request.facts().age() + 1);
  EXPECT_THAT(rosa.Submit(other_age, &response),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS));

  EXPECT_THAT(Ids(ListAs(rosa, ListReferralsRequest())),
              ElementsAreArray({first.referral().id()}));
}

TEST_F(ReferralLifecycleTest, StatusUpdateKeyWithAnotherBodyIsAlreadyExists) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  Referral r = MustSubmit(rosa, NewReferralRequest("ks-oslo"));
  ASSERT_FALSE(r.id().empty());
  ASSERT_THAT(oslo.Move(r.id(), v1::REFERRAL_STATE_RECEIVED), IsOk());

  UpdateReferralStatusRequest accept =
      NewUpdateRequest(r.id(), v1::REFERRAL_STATE_ACCEPTED);
  Referral out;
  ASSERT_THAT(oslo.Update(accept, &out), IsOk());
  UpdateReferralStatusRequest reject = accept;
  reject.set_target(v1::REFERRAL_STATE_REJECTED);
  reject.set_reason("No capacity");
  EXPECT_THAT(oslo.Update(reject, &out),
              StatusIs(grpc::StatusCode::ALREADY_EXISTS));
  ExpectStored(rosa, r.id(), v1::REFERRAL_STATE_ACCEPTED, 3);
}

}  // namespace
}  // namespace rosa::integration::testing_referral
