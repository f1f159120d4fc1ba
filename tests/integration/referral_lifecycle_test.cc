// Integration tests of ReferralService against the real hub: the lifecycle
// of a placement, who may make which step, idempotent retries, validation
// and listing.
#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::ListReferralsResponse;
using ::rosa::hub::v1::Referral;
using ::rosa::hub::v1::ReferralState;
using ::rosa::hub::v1::SubmitReferralRequest;
using ::rosa::hub::v1::SubmitReferralResponse;
using ::rosa::hub::v1::UpdateReferralStatusRequest;
using ::testing::AnyOf;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;

namespace v1 = ::rosa::hub::v1;

// The message names `state` ("received"), in any letter case.
MATCHER_P(NamesState, state, absl::StrCat("names the state \"", state, "\"")) {
  return absl::AsciiStrToLower(arg).find(state) != std::string::npos;
}

class ReferralLifecycleTest : public HubTest {
 protected:
  // Submits `request` as `sender` and returns the referral (fatal on error
  // through the caller's ASSERT_NO_FATAL_FAILURE).
  Referral MustSubmit(PartnerClient& sender,
                      const SubmitReferralRequest& request) {
    SubmitReferralResponse response;
    grpc::Status status = sender.Submit(request, &response);
    EXPECT_THAT(status, IsOk());
    return response.referral();
  }

  // Reads `id` as `reader` and checks state and version.
  void ExpectStored(PartnerClient& reader, const std::string& id,
                    ReferralState state, uint64_t version) {
    Referral got;
    ASSERT_THAT(reader.Get(id, &got), IsOk());
    EXPECT_EQ(got.id(), id);
    EXPECT_EQ(got.state(), state) << v1::ReferralState_Name(got.state());
    EXPECT_EQ(got.version(), version);
    EXPECT_THAT(got.history(), SizeIs(version));
  }

  std::vector<Referral> ListAs(PartnerClient& client,
                               const ListReferralsRequest& request) {
    std::vector<Referral> out;
    EXPECT_THAT(client.ListAll(request, &out), IsOk());
    return out;
  }
};

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

struct InvalidCase {
  std::string name;
  std::string field;  // Must appear in the error message.
  void (*mutate)(SubmitReferralRequest*);
};

TEST_F(ReferralLifecycleTest, InvalidRequestNamesFieldAndNeverEchoesNote) {
  PartnerClient rosa = Client("rosa");
  // Identifying text that a careless sender put in the note; the hub must
  // not repeat it in errors (nor log it).
  const std::string kSecret = "Kari Nordmann, Storgata 5";

  const InvalidCase cases[] = {
      {"no key", "idempotency_key",
       [](SubmitReferralRequest* r) { r->clear_idempotency_key(); }},
      {"no recipient", "recipient",
       [](SubmitReferralRequest* r) { r->clear_recipient(); }},
      {"no type", "type", [](SubmitReferralRequest* r) { r->clear_type(); }},
      {"name as person_ref", "person_ref",
       [](SubmitReferralRequest* r) { r->set_person_ref("Kari"); }},
      {"short person_ref", "person_ref",
       [](SubmitReferralRequest* r) { r->set_person_ref("P-AB1"); }},
      {"lower-case person_ref", "person_ref",
       [](SubmitReferralRequest* r) { r->set_person_ref("P-abcd12"); }},
      {"long person_ref", "person_ref",
       [](SubmitReferralRequest* r) {
         r->set_person_ref("P-" + std::string(33, 'A'));
       }},
      {"no facts", "facts", [](SubmitReferralRequest* r) { r->clear_facts(); }},
      {"no gender", "gender",
       [](SubmitReferralRequest* r) { r->mutable_facts()->clear_gender(); }},
      {"no age", "age",
       [](SubmitReferralRequest* r) { r->mutable_facts()->clear_age(); }},
      {"too old", "age",
       [](SubmitReferralRequest* r) { r->mutable_facts()->set_age(121); }},
      {"no exploitation form", "exploitation_form",
       [](SubmitReferralRequest* r) {
         r->mutable_facts()->clear_exploitation_form();
       }},
      {"nationality as name", "nationality",
       [](SubmitReferralRequest* r) {
         r->mutable_facts()->set_nationality("Romania");
       }},
      {"lower-case nationality", "nationality",
       [](SubmitReferralRequest* r) {
         r->mutable_facts()->set_nationality("ro");
       }},
      {"language as name", "languages",
       [](SubmitReferralRequest* r) {
         r->mutable_facts()->add_languages("polish");
       }},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.name);
    SubmitReferralRequest request = NewReferralRequest("ks-oslo");
    request.set_note(kSecret);
    c.mutate(&request);
    SubmitReferralResponse response;
    grpc::Status status = rosa.Submit(request, &response);
    EXPECT_THAT(status, StatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                                 HasSubstr(c.field)));
    EXPECT_THAT(status.error_message(), Not(HasSubstr("Kari")));
    EXPECT_THAT(status.error_message(), Not(HasSubstr("Storgata")));
  }

  // A note over 2000 characters is refused without being repeated.
  SubmitReferralRequest long_note = NewReferralRequest("ks-oslo");
  std::string note;
  while (note.size() <= 2000) absl::StrAppend(&note, kSecret, ". ");
  long_note.set_note(note);
  SubmitReferralResponse response;
  grpc::Status status = rosa.Submit(long_note, &response);
  EXPECT_THAT(status,
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("note")));
  EXPECT_THAT(status.error_message(), Not(HasSubstr("Kari")));

  EXPECT_THAT(ListAs(rosa, ListReferralsRequest()), IsEmpty());
  // Nor does the hub log it.
  EXPECT_THAT(hub().ReadLog(), Not(HasSubstr("Kari")));
}

// Minors are outside the hub's mandate. The hub refuses them with a pointer
// to child welfare; it may classify that as a precondition rather than a
// malformed argument.
TEST_F(ReferralLifecycleTest, MinorIsRefusedWithoutEchoingNote) {
  PartnerClient rosa = Client("rosa");
  const auto kRefused = AnyOf(StatusIs(grpc::StatusCode::INVALID_ARGUMENT),
                              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  SubmitReferralRequest seventeen = NewReferralRequest("ks-oslo");
  seventeen.set_note("Kari Nordmann, Storgata 5");
  seventeen.mutable_facts()->set_age(17);
  SubmitReferralRequest maybe_minor = NewReferralRequest("ks-oslo");
  maybe_minor.set_note("Kari Nordmann, Storgata 5");
  maybe_minor.mutable_facts()->set_possibly_minor(true);
  for (const SubmitReferralRequest* request : {&seventeen, &maybe_minor}) {
    SubmitReferralResponse response;
    grpc::Status status = rosa.Submit(*request, &response);
    EXPECT_THAT(status, kRefused);
    EXPECT_THAT(status.error_message(), HasSubstr("18"));
    EXPECT_THAT(status.error_message(), Not(HasSubstr("Kari")));
  }
  EXPECT_THAT(ListAs(rosa, ListReferralsRequest()), IsEmpty());
}

TEST_F(ReferralLifecycleTest, RecipientKindMustHandleReferralType) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  const auto kRefused = AnyOf(StatusIs(grpc::StatusCode::INVALID_ARGUMENT),
                              StatusIs(grpc::StatusCode::FAILED_PRECONDITION));
  SubmitReferralResponse response;

  EXPECT_THAT(
      rosa.Submit(NewReferralRequest("iom", v1::REFERRAL_TYPE_PLACEMENT),
                  &response),
      kRefused);
  EXPECT_THAT(rosa.Submit(NewReferralRequest("advokat-lund",
                                             v1::REFERRAL_TYPE_PLACEMENT),
                          &response),
              kRefused);
  EXPECT_THAT(rosa.Submit(NewReferralRequest("ks-oslo",
                                             v1::REFERRAL_TYPE_LEGAL_COUNSEL),
                          &response),
              kRefused);
  EXPECT_THAT(rosa.Submit(NewReferralRequest("filemon",
                                             v1::REFERRAL_TYPE_ASSISTED_RETURN),
                          &response),
              kRefused);
  EXPECT_THAT(
      rosa.Submit(NewReferralRequest("ks-oslo", v1::REFERRAL_TYPE_ASSISTANCE),
                  &response),
      kRefused);
  EXPECT_THAT(
      rosa.Submit(NewReferralRequest("nobody", v1::REFERRAL_TYPE_PLACEMENT),
                  &response),
      Not(IsOk()));
  EXPECT_THAT(ListAs(rosa, ListReferralsRequest()), IsEmpty());

  // Every kind accepts what it handles.
  for (const char* shelter : {"ks-oslo", "filemon", "lauras-hus"}) {
    EXPECT_THAT(rosa.Submit(NewReferralRequest(shelter), &response), IsOk())
        << shelter;
  }
  // Identity travels with these two: a registered person and a consent
  // covering the recipient are required (see the protected-persons tests).
  for (const auto& [partner, type, purpose] :
       {std::tuple{"advokat-lund", v1::REFERRAL_TYPE_LEGAL_COUNSEL,
                   v1::CONSENT_PURPOSE_LEGAL_COUNSELLING},
        std::tuple{"iom", v1::REFERRAL_TYPE_ASSISTED_RETURN,
                   v1::CONSENT_PURPOSE_ASSISTED_RETURN}}) {
    SubmitReferralRequest request = NewReferralRequest(partner, type);
    EXPECT_THAT(rosa.Submit(request, &response),
                StatusIs(grpc::StatusCode::FAILED_PRECONDITION))
        << "unregistered person to " << partner;
    std::string person;
    ASSERT_THAT(rosa.RegisterPersonWithConsent(partner, purpose, &person),
                IsOk());
    request.set_person_ref(person);
    EXPECT_THAT(rosa.Submit(request, &response), IsOk()) << partner;
  }
  EXPECT_THAT(
      oslo.Submit(NewReferralRequest("rosa", v1::REFERRAL_TYPE_ASSISTANCE),
                  &response),
      IsOk());
  EXPECT_THAT(ListAs(rosa, ListReferralsRequest()), SizeIs(6));
}

TEST_F(ReferralLifecycleTest, ListPagesAndFilters) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");

  // Five referrals sent by ROSA, oldest first, and one it received.
  std::vector<std::string> sent;
  for (const auto& [recipient, type] :
       std::vector<std::pair<std::string, v1::ReferralType>>{
           {"ks-oslo", v1::REFERRAL_TYPE_PLACEMENT},
           {"advokat-lund", v1::REFERRAL_TYPE_LEGAL_COUNSEL},
           {"ks-oslo", v1::REFERRAL_TYPE_PLACEMENT},
           {"filemon", v1::REFERRAL_TYPE_PLACEMENT},
           {"ks-oslo", v1::REFERRAL_TYPE_PLACEMENT}}) {
    SubmitReferralRequest request = NewReferralRequest(recipient, type);
    if (type == v1::REFERRAL_TYPE_LEGAL_COUNSEL) {
      std::string person;
      ASSERT_THAT(rosa.RegisterPersonWithConsent(
                      recipient, v1::CONSENT_PURPOSE_LEGAL_COUNSELLING, &person),
                  IsOk());
      request.set_person_ref(person);
    }
    Referral r = MustSubmit(rosa, request);
    ASSERT_FALSE(r.id().empty());
    sent.push_back(r.id());
  }
  Referral received = MustSubmit(
      oslo, NewReferralRequest("rosa", v1::REFERRAL_TYPE_ASSISTANCE));
  ASSERT_FALSE(received.id().empty());

  // Page by page, two at a time, oldest first.
  ListReferralsRequest request;
  request.set_page_size(2);
  request.set_role(v1::REFERRAL_ROLE_SENT);
  std::vector<std::string> paged;
  std::vector<int> page_sizes;
  for (int page = 0; page < 10; ++page) {
    ListReferralsResponse response;
    ASSERT_THAT(rosa.List(request, &response), IsOk());
    page_sizes.push_back(response.referrals_size());
    for (const Referral& r : response.referrals()) paged.push_back(r.id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  // A last page of 0 after a full page of 2 is also acceptable.
  if (page_sizes.size() == 4 && page_sizes.back() == 0) page_sizes.pop_back();
  EXPECT_THAT(page_sizes, ElementsAreArray({2, 2, 1}));
  EXPECT_THAT(paged, ElementsAreArray(sent));

  // Filters. The order of referrals that changed after creation is not
  // pinned down here, so these compare as sets.
  ASSERT_THAT(oslo.Move(sent[2], v1::REFERRAL_STATE_RECEIVED), IsOk());

  auto list_ids = [&](PartnerClient& client, v1::ReferralRole role,
                      v1::ReferralState state, v1::ReferralType type) {
    ListReferralsRequest r;
    r.set_page_size(2);
    r.set_role(role);
    r.set_state(state);
    r.set_type(type);
    return Ids(ListAs(client, r));
  };
  const auto kAnyState = v1::REFERRAL_STATE_UNSPECIFIED;
  const auto kAnyType = v1::REFERRAL_TYPE_UNSPECIFIED;
  const auto kAnyRole = v1::REFERRAL_ROLE_UNSPECIFIED;

  std::vector<std::string> everything = sent;
  everything.push_back(received.id());
  EXPECT_THAT(list_ids(rosa, kAnyRole, kAnyState, kAnyType),
              UnorderedElementsAreArray(everything));
  EXPECT_THAT(list_ids(rosa, v1::REFERRAL_ROLE_RECEIVED, kAnyState, kAnyType),
              UnorderedElementsAreArray({received.id()}));
  EXPECT_THAT(list_ids(rosa, kAnyRole, v1::REFERRAL_STATE_RECEIVED, kAnyType),
              UnorderedElementsAreArray({sent[2]}));
  EXPECT_THAT(list_ids(rosa, kAnyRole, v1::REFERRAL_STATE_REQUESTED, kAnyType),
              UnorderedElementsAreArray(
                  {sent[0], sent[1], sent[3], sent[4], received.id()}));
  EXPECT_THAT(
      list_ids(rosa, kAnyRole, kAnyState, v1::REFERRAL_TYPE_LEGAL_COUNSEL),
      UnorderedElementsAreArray({sent[1]}));
  EXPECT_THAT(list_ids(rosa, v1::REFERRAL_ROLE_SENT, kAnyState,
                       v1::REFERRAL_TYPE_PLACEMENT),
              UnorderedElementsAreArray({sent[0], sent[2], sent[3], sent[4]}));
  EXPECT_THAT(
      list_ids(rosa, v1::REFERRAL_ROLE_SENT, v1::REFERRAL_STATE_REQUESTED,
               v1::REFERRAL_TYPE_PLACEMENT),
      UnorderedElementsAreArray({sent[0], sent[3], sent[4]}));

  // The shelter sees only its own side.
  EXPECT_THAT(list_ids(oslo, v1::REFERRAL_ROLE_RECEIVED, kAnyState, kAnyType),
              UnorderedElementsAreArray({sent[0], sent[2], sent[4]}));
  EXPECT_THAT(list_ids(oslo, v1::REFERRAL_ROLE_SENT, kAnyState, kAnyType),
              UnorderedElementsAreArray({received.id()}));
  EXPECT_THAT(
      list_ids(oslo, kAnyRole, kAnyState, kAnyType),
      UnorderedElementsAreArray({sent[0], sent[2], sent[4], received.id()}));
}

}  // namespace
}  // namespace rosa::integration
