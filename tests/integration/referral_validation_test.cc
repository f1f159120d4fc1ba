// Integration tests of ReferralService against the real hub: validation of
// submitted referrals, recipient kinds and listing.
#include <string>

#include "tests/integration/referral_lifecycle_fixture.h"

namespace rosa::integration::testing_referral {
namespace {

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
      ASSERT_THAT(
          rosa.RegisterPersonWithConsent(
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
}  // namespace rosa::integration::testing_referral
