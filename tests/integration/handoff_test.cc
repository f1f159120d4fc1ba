// Integration tests of lawyer handoffs over mutual TLS: ROSA registers a
// person, records a consent and hands the case to a lawyer; only that lawyer
// sees the handoff (with identity), another lawyer cannot tell it from one
// that does not exist, and ROSA follows the hours ledger without identity.
#include <memory>
#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/consent_service.grpc.pb.h"
#include "rosa/hub/v1/handoff_service.grpc.pb.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::HasSubstr;

constexpr char kFamilyName[] = "Handoffcanary";

// The status message with `id` replaced by "<id>".
std::string WithoutId(const grpc::Status& status, const std::string& id) {
  return absl::StrReplaceAll(status.error_message(), {{id, "<id>"}});
}

// One partner's handoff, person and consent stubs on its mTLS channel.
struct Stubs {
  explicit Stubs(const PartnerClient& client)
      : handoffs(v1::HandoffService::NewStub(client.channel())),
        persons(v1::PersonService::NewStub(client.channel())),
        consents(v1::ConsentService::NewStub(client.channel())) {}

  grpc::Status Get(const std::string& id, v1::Handoff* handoff) {
    v1::GetHandoffRequest r;
    r.set_handoff_id(id);
    return handoffs->GetHandoff(ContextWithDeadline().get(), r, handoff);
  }
  grpc::Status List(v1::ListHandoffsResponse* response) {
    return handoffs->ListHandoffs(ContextWithDeadline().get(),
                                  v1::ListHandoffsRequest(), response);
  }
  grpc::Status Record(const std::string& id, const v1::HandoffEvent& event,
                      v1::Handoff* handoff) {
    v1::RecordHandoffEventRequest r;
    r.set_idempotency_key(NewIdempotencyKey("event"));
    r.set_handoff_id(id);
    *r.mutable_event() = event;
    return handoffs->RecordHandoffEvent(ContextWithDeadline().get(), r,
                                        handoff);
  }

  std::unique_ptr<v1::HandoffService::Stub> handoffs;
  std::unique_ptr<v1::PersonService::Stub> persons;
  std::unique_ptr<v1::ConsentService::Stub> consents;
};

class HandoffTest : public HubTest {
 protected:
  // ROSA registers a person; returns the person id.
  std::string RegisterPerson(Stubs& rosa) {
    v1::RegisterPersonRequest r;
    r.set_idempotency_key(NewIdempotencyKey("person"));
    r.mutable_identity()->set_given_name("Ioana");
    r.mutable_identity()->set_family_name(kFamilyName);
    r.mutable_identity()->set_phone("+40712345678");
    r.mutable_profile()->set_gender(v1::GENDER_WOMAN);
    r.mutable_profile()->set_birth_year(1995);
    r.mutable_profile()->set_nationality("RO");
    r.mutable_profile()->add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
    r.mutable_profile()->set_residence_status(v1::RESIDENCE_STATUS_NO_PERMIT);
    *r.mutable_registration_consent_given_at() =
        ToTimestamp(absl::Now() - absl::Hours(1));
    v1::Person person;
    EXPECT_THAT(
        rosa.persons->RegisterPerson(ContextWithDeadline().get(), r, &person),
        IsOk());
    return person.id();
  }

  void GiveConsent(Stubs& rosa, const std::string& person_id,
                   const std::string& lawyer) {
    v1::GiveConsentRequest r;
    r.set_idempotency_key(NewIdempotencyKey("consent"));
    r.set_person_id(person_id);
    r.mutable_scope()->set_partner_id(lawyer);
    r.set_purpose(v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
    v1::Consent consent;
    EXPECT_THAT(
        rosa.consents->GiveConsent(ContextWithDeadline().get(), r, &consent),
        IsOk());
  }

  grpc::Status Create(Stubs& rosa, const std::string& person_id,
                      const std::string& lawyer, v1::Handoff* handoff) {
    v1::CreateHandoffRequest r;
    r.set_idempotency_key(NewIdempotencyKey("handoff"));
    r.set_lawyer(lawyer);
    r.set_person_id(person_id);
    r.set_case_summary("Identified in Oslo; needs advice on residence.");
    r.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
    return rosa.handoffs->CreateHandoff(ContextWithDeadline().get(), r,
                                        handoff);
  }

  static google::protobuf::Timestamp ToTimestamp(absl::Time t) {
    google::protobuf::Timestamp ts;
    ts.set_seconds(absl::ToUnixSeconds(t));
    return ts;
  }
};

TEST_F(HandoffTest, LawyerCannotReadAHandoffMadeToAnotherLawyer) {
  Stubs rosa(Client("rosa"));
  Stubs lund(Client("advokat-lund"));
  Stubs berg(Client("advokat-berg"));
  const std::string person = RegisterPerson(rosa);
  ASSERT_FALSE(person.empty());
  GiveConsent(rosa, person, "advokat-lund");
  v1::Handoff made;
  ASSERT_THAT(Create(rosa, person, "advokat-lund", &made), IsOk());
  const std::string id = made.id();
  const std::string missing = id.substr(0, id.size() - 6) + "999999";

  // The lawyer it was made to sees it, with identity.
  v1::Handoff handoff;
  ASSERT_THAT(lund.Get(id, &handoff), IsOk());
  EXPECT_EQ(handoff.identity().family_name(), kFamilyName);

  // Another lawyer cannot tell it from a handoff that does not exist.
  const grpc::Status hidden = berg.Get(id, &handoff);
  const grpc::Status absent = berg.Get(missing, &handoff);
  EXPECT_THAT(hidden, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(absent, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(WithoutId(hidden, id), WithoutId(absent, missing));
  EXPECT_THAT(hidden.error_message(), ::testing::Not(HasSubstr(kFamilyName)));

  v1::HandoffEvent accepted;
  accepted.mutable_accepted();
  const grpc::Status hidden_event = berg.Record(id, accepted, &handoff);
  const grpc::Status absent_event = berg.Record(missing, accepted, &handoff);
  EXPECT_THAT(hidden_event, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(WithoutId(hidden_event, id), WithoutId(absent_event, missing));

  v1::ListHandoffsResponse listed;
  ASSERT_THAT(berg.List(&listed), IsOk());
  EXPECT_EQ(listed.handoffs_size(), 0);
  ASSERT_THAT(lund.List(&listed), IsOk());
  ASSERT_EQ(listed.handoffs_size(), 1);
  EXPECT_EQ(listed.handoffs(0).id(), id);
}

TEST_F(HandoffTest, RosaFollowsTheHoursLedgerWithoutIdentity) {
  Stubs rosa(Client("rosa"));
  Stubs lund(Client("advokat-lund"));
  const std::string person = RegisterPerson(rosa);
  ASSERT_FALSE(person.empty());

  // Without consent: refused, naming the partner and the purpose.
  v1::Handoff handoff;
  EXPECT_THAT(Create(rosa, person, "advokat-lund", &handoff),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                       HasSubstr("advokat-lund for legal_counselling")));
  GiveConsent(rosa, person, "advokat-lund");
  ASSERT_THAT(Create(rosa, person, "advokat-lund", &handoff), IsOk());
  const std::string id = handoff.id();
  EXPECT_EQ(handoff.granted_quarter_hours(), 12u);

  v1::HandoffEvent event;
  event.mutable_accepted();
  ASSERT_THAT(lund.Record(id, event, &handoff), IsOk());
  event.mutable_hours_used()->set_quarter_hours(12);
  ASSERT_THAT(lund.Record(id, event, &handoff), IsOk());
  event.mutable_hours_used()->set_quarter_hours(1);
  EXPECT_THAT(lund.Record(id, event, &handoff),
              StatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                       HasSubstr("used 3 of 3 hours granted")));
  event.mutable_hours_used()->set_quarter_hours(0);
  EXPECT_THAT(lund.Record(id, event, &handoff),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT));
  event.mutable_extension_granted()->set_quarter_hours(4);
  ASSERT_THAT(lund.Record(id, event, &handoff), IsOk());
  event.mutable_hours_used()->set_quarter_hours(1);
  ASSERT_THAT(lund.Record(id, event, &handoff), IsOk());

  ASSERT_THAT(rosa.Get(id, &handoff), IsOk());
  EXPECT_FALSE(handoff.has_identity());
  EXPECT_EQ(handoff.granted_quarter_hours(), 16u);
  EXPECT_EQ(handoff.used_quarter_hours(), 13u);
  EXPECT_EQ(handoff.ledger_size(), 4);
}

}  // namespace
}  // namespace rosa::integration
