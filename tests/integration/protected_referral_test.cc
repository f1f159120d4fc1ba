// Integration tests of what referrals carry about a protected person, over
// mutual TLS against the real hub. ROSA registers a person whose identifying
// fields are unique canary strings and refers her: a shelter receiving a
// placement request finds none of them in anything it receives; a lawyer
// receives identity only under consent, only through GetReferral (audited),
// and no more once the consent is withdrawn; IOM receives identity under
// consent and records its statuses, which ROSA follows; a minor is refused.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/audit_service.grpc.pb.h"
#include "rosa/hub/v1/consent_service.grpc.pb.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Property;
using ::testing::UnorderedElementsAre;

constexpr absl::Duration kEventWait = absl::Seconds(10);
constexpr char kBirthDate[] = "1991-04-05";
constexpr int kBirthYear = 1991;

// `value` in base 26, as capital letters.
std::string Letters(uint64_t value) {
  std::string letters;
  do {
    letters.push_back(static_cast<char>('A' + value % 26));
    value /= 26;
  } while (value != 0);
  return letters;
}

// An identity whose every field is a string found nowhere else, and none a
// part of another: the names and the address carry a tag of letters for
// this process and this moment, the DUF number and the phone digits.
v1::PersonIdentity CanaryIdentity() {
  const uint64_t nanos = static_cast<uint64_t>(absl::ToUnixNanos(absl::Now()));
  const std::string tag = absl::StrCat(Letters(static_cast<uint64_t>(getpid())),
                                       "Q", Letters(nanos));
  v1::PersonIdentity identity;
  identity.set_given_name(absl::StrCat("Kanarigitt", tag));
  identity.set_family_name(absl::StrCat("Kanarifamilie", tag));
  identity.set_birth_date(kBirthDate);
  identity.set_duf_number(absl::StrFormat("%012d", nanos % 1000000000000));
  identity.set_phone(absl::StrFormat("+479%07d", (nanos / 7) % 10000000));
  identity.set_contact_address(absl::StrCat("Kanariveien ", tag, ", Oslo"));
  return identity;
}

// The names of the fields of `identity` whose value occurs in `bytes`.
std::vector<std::string> LeakedFields(const v1::PersonIdentity& identity,
                                      const std::string& bytes) {
  std::vector<std::string> leaked;
  const google::protobuf::Descriptor* descriptor = identity.GetDescriptor();
  const google::protobuf::Reflection* reflection = identity.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    const std::string value = reflection->GetString(identity, field);
    if (!value.empty() && bytes.find(value) != std::string::npos) {
      leaked.push_back(std::string(field->name()));
    }
  }
  return leaked;
}

// The names of the fields set in `message`.
std::vector<std::string> SetFields(const google::protobuf::Message& message) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::vector<std::string> names;
  for (const auto* field : fields) names.push_back(std::string(field->name()));
  return names;
}

class ProtectedReferralTest : public HubTest {
 protected:
  // ROSA registers a person with `identity` (consent to registration given
  // an hour ago) and sets `person_id`.
  static grpc::Status RegisterPerson(PartnerClient& rosa,
                                     const v1::PersonIdentity& identity,
                                     std::string* person_id) {
    auto persons = v1::PersonService::NewStub(rosa.channel());
    v1::RegisterPersonRequest request;
    request.set_idempotency_key(NewIdempotencyKey("person"));
    *request.mutable_identity() = identity;
    request.mutable_profile()->set_gender(v1::GENDER_WOMAN);
    request.mutable_profile()->set_birth_year(kBirthYear);
    request.mutable_profile()->set_nationality("RO");
    *request.mutable_registration_consent_given_at() =
        ToProtoTime(absl::Now() - absl::Hours(1));
    v1::Person person;
    grpc::Status status =
        persons->RegisterPerson(ContextWithDeadline().get(), request, &person);
    if (status.ok()) *person_id = person.id();
    return status;
  }

  static grpc::Status GiveConsent(PartnerClient& rosa,
                                  const std::string& person_id,
                                  const v1::ConsentScope& scope,
                                  v1::ConsentPurpose purpose,
                                  v1::Consent* consent) {
    auto consents = v1::ConsentService::NewStub(rosa.channel());
    v1::GiveConsentRequest request;
    request.set_idempotency_key(NewIdempotencyKey("consent"));
    request.set_person_id(person_id);
    *request.mutable_scope() = scope;
    request.set_purpose(purpose);
    return consents->GiveConsent(ContextWithDeadline().get(), request, consent);
  }

  static v1::ConsentScope PartnerScope(const std::string& partner) {
    v1::ConsentScope scope;
    scope.set_partner_id(partner);
    return scope;
  }

  static v1::SubmitReferralRequest ReferralOf(const std::string& person_id,
                                              const std::string& recipient,
                                              v1::ReferralType type) {
    v1::SubmitReferralRequest request = NewReferralRequest(recipient, type);
    request.set_person_ref(person_id);
    request.mutable_facts()->set_age(35);
    return request;
  }

  static grpc::Status UpdateAssistedReturn(PartnerClient& client,
                                           const std::string& referral_id,
                                           const v1::AssistedReturn& ar,
                                           v1::Referral* referral) {
    v1::UpdateAssistedReturnRequest request;
    request.set_idempotency_key(NewIdempotencyKey("return"));
    request.set_referral_id(referral_id);
    *request.mutable_assisted_return() = ar;
    return client.referrals().UpdateAssistedReturn(ContextWithDeadline().get(),
                                                   request, referral);
  }
};

TEST_F(ProtectedReferralTest, ShelterFindsNoIdentifyingFieldInWhatItReceives) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  const v1::PersonIdentity identity = CanaryIdentity();
  std::string person;
  ASSERT_THAT(RegisterPerson(rosa, identity, &person), IsOk());
  // Even a consent covering shelters and placement lets no identity travel
  // with a placement request.
  v1::ConsentScope shelters;
  shelters.set_partner_kind(v1::PARTNER_KIND_SHELTER);
  v1::Consent consent;
  ASSERT_THAT(GiveConsent(rosa, person, shelters, v1::CONSENT_PURPOSE_PLACEMENT,
                          &consent),
              IsOk());

  // The detector works: ROSA's own read of the person holds every canary.
  auto rosa_persons = v1::PersonService::NewStub(rosa.channel());
  v1::ReadPersonRequest read;
  read.set_person_id(person);
  read.set_purpose(v1::CONSENT_PURPOSE_PLACEMENT);
  v1::Person full;
  ASSERT_THAT(
      rosa_persons->ReadPerson(ContextWithDeadline().get(), read, &full),
      IsOk());
  ASSERT_THAT(LeakedFields(identity, full.SerializeAsString()),
              UnorderedElementsAre("given_name", "family_name", "birth_date",
                                   "duf_number", "phone", "contact_address"));

  WatchStream stream(oslo.channel(), WatchFrom(0));
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(
      rosa.Submit(ReferralOf(person, "ks-oslo", v1::REFERRAL_TYPE_PLACEMENT),
                  &submitted),
      IsOk());
  const std::string id = submitted.referral().id();

  // Everything ks-oslo receives, serialized, with what it was.
  std::vector<std::pair<std::string, std::string>> received;

  v1::Referral got;
  ASSERT_THAT(oslo.Get(id, &got), IsOk());
  EXPECT_EQ(got.person_ref(), person);
  EXPECT_FALSE(got.has_shared_identity());
  EXPECT_EQ(got.shared_identity().ByteSizeLong(), 0u);
  received.emplace_back("GetReferral", got.SerializeAsString());

  v1::ListReferralsResponse listed;
  ASSERT_THAT(oslo.List(v1::ListReferralsRequest(), &listed), IsOk());
  ASSERT_EQ(listed.referrals_size(), 1);
  EXPECT_EQ(listed.referrals(0).id(), id);
  EXPECT_FALSE(listed.referrals(0).has_shared_identity());
  received.emplace_back("ListReferrals", listed.SerializeAsString());

  // The centre works the referral; its answers count too.
  v1::Referral moved;
  ASSERT_THAT(oslo.Move(id, v1::REFERRAL_STATE_RECEIVED, &moved), IsOk());
  EXPECT_FALSE(moved.has_shared_identity());
  received.emplace_back("UpdateReferralStatus(received)",
                        moved.SerializeAsString());
  ASSERT_THAT(oslo.Move(id, v1::REFERRAL_STATE_ACCEPTED, &moved), IsOk());
  EXPECT_FALSE(moved.has_shared_identity());
  received.emplace_back("UpdateReferralStatus(accepted)",
                        moved.SerializeAsString());

  // Refusals ks-oslo gets about the person say nothing about her either.
  auto oslo_persons = v1::PersonService::NewStub(oslo.channel());
  v1::Person refused;
  const grpc::Status person_status =
      oslo_persons->ReadPerson(ContextWithDeadline().get(), read, &refused);
  EXPECT_THAT(person_status, StatusIs(grpc::StatusCode::NOT_FOUND));
  received.emplace_back("ReadPerson error", person_status.error_message());
  received.emplace_back("ReadPerson answer", refused.SerializeAsString());

  // Submitted, received, accepted.
  ASSERT_TRUE(stream.WaitForEvents(3, kEventWait))
      << "got " << stream.event_count() << " events";
  const std::vector<v1::Event> events = stream.events();
  for (const v1::Event& event : events) {
    ASSERT_TRUE(event.has_referral()) << event.DebugString();
    EXPECT_EQ(event.referral().referral().id(), id);
    EXPECT_FALSE(event.referral().referral().has_shared_identity());
    received.emplace_back(absl::StrCat("Watch event ", event.cursor()),
                          event.SerializeAsString());
  }

  for (const auto& [what, bytes] : received) {
    EXPECT_THAT(LeakedFields(identity, bytes), IsEmpty()) << what;
  }
}

TEST_F(ProtectedReferralTest, LegalCounselGetsIdentityOnlyUnderConsent) {
  PartnerClient rosa = Client("rosa");
  PartnerClient lund = Client("advokat-lund");
  const v1::PersonIdentity identity = CanaryIdentity();
  std::string person;
  ASSERT_THAT(RegisterPerson(rosa, identity, &person), IsOk());

  // Without consent: refused, naming the partner and the purpose only.
  v1::SubmitReferralResponse submitted;
  const grpc::Status refused = rosa.Submit(
      ReferralOf(person, "advokat-lund", v1::REFERRAL_TYPE_LEGAL_COUNSEL),
      &submitted);
  EXPECT_THAT(refused, StatusIs(grpc::StatusCode::FAILED_PRECONDITION,
                                AllOf(HasSubstr("advokat-lund"),
                                      HasSubstr("legal_counselling"))));
  EXPECT_THAT(LeakedFields(identity, refused.error_message()), IsEmpty());
  std::vector<v1::Referral> rosa_list;
  ASSERT_THAT(rosa.ListAll(v1::ListReferralsRequest(), &rosa_list), IsOk());
  EXPECT_THAT(rosa_list, IsEmpty());

  WatchStream stream(lund.channel(), WatchFrom(0));
  v1::Consent consent;
  ASSERT_THAT(GiveConsent(rosa, person, PartnerScope("advokat-lund"),
                          v1::CONSENT_PURPOSE_LEGAL_COUNSELLING, &consent),
              IsOk());
  ASSERT_THAT(rosa.Submit(ReferralOf(person, "advokat-lund",
                                     v1::REFERRAL_TYPE_LEGAL_COUNSEL),
                          &submitted),
              IsOk());
  const std::string id = submitted.referral().id();
  EXPECT_FALSE(submitted.referral().has_shared_identity());

  // The lawyer's GetReferral: exactly the fields the minimisation table
  // gives legal counsel.
  v1::Referral got;
  ASSERT_THAT(lund.Get(id, &got), IsOk());
  ASSERT_TRUE(got.has_shared_identity());
  EXPECT_THAT(SetFields(got.shared_identity()),
              UnorderedElementsAre("given_name", "family_name", "birth_date",
                                   "duf_number", "phone", "contact_address"));
  EXPECT_EQ(got.shared_identity().given_name(), identity.given_name());
  EXPECT_EQ(got.shared_identity().family_name(), identity.family_name());
  EXPECT_EQ(got.shared_identity().birth_date(), kBirthDate);
  EXPECT_EQ(got.shared_identity().duf_number(), identity.duf_number());
  EXPECT_EQ(got.shared_identity().phone(), identity.phone());
  EXPECT_EQ(got.shared_identity().contact_address(),
            identity.contact_address());

  // Its list and its stream carry no identity.
  v1::ListReferralsResponse listed;
  ASSERT_THAT(lund.List(v1::ListReferralsRequest(), &listed), IsOk());
  ASSERT_EQ(listed.referrals_size(), 1);
  EXPECT_EQ(listed.referrals(0).id(), id);
  EXPECT_FALSE(listed.referrals(0).has_shared_identity());
  EXPECT_THAT(LeakedFields(identity, listed.SerializeAsString()), IsEmpty());
  ASSERT_TRUE(stream.WaitForEvents(1, kEventWait));
  {
    const v1::Event submitted_event = stream.events()[0];
    EXPECT_EQ(submitted_event.referral().referral().id(), id);
    EXPECT_FALSE(submitted_event.referral().referral().has_shared_identity());
    EXPECT_THAT(LeakedFields(identity, submitted_event.SerializeAsString()),
                IsEmpty());
  }

  // The sender sees the referral, never the identity through it.
  v1::Referral rosa_view;
  ASSERT_THAT(rosa.Get(id, &rosa_view), IsOk());
  EXPECT_FALSE(rosa_view.has_shared_identity());
  EXPECT_THAT(LeakedFields(identity, rosa_view.SerializeAsString()), IsEmpty());

  // Withdrawal: no identity from then on, and the lawyer is told.
  auto consents = v1::ConsentService::NewStub(rosa.channel());
  v1::WithdrawConsentRequest withdraw;
  withdraw.set_idempotency_key(NewIdempotencyKey("withdraw"));
  withdraw.set_consent_id(consent.id());
  v1::Consent withdrawn;
  ASSERT_THAT(consents->WithdrawConsent(ContextWithDeadline().get(), withdraw,
                                        &withdrawn),
              IsOk());
  EXPECT_TRUE(withdrawn.has_withdrawn_at());
  ASSERT_THAT(lund.Get(id, &got), IsOk());
  EXPECT_EQ(got.id(), id);
  EXPECT_FALSE(got.has_shared_identity());
  EXPECT_THAT(LeakedFields(identity, got.SerializeAsString()), IsEmpty());

  ASSERT_TRUE(stream.WaitForEvents(2, kEventWait))
      << "got " << stream.event_count() << " events";
  const std::vector<v1::Event> events = stream.events();
  const auto notice = std::find_if(
      events.begin(), events.end(),
      [](const v1::Event& e) { return e.has_consent_withdrawn(); });
  ASSERT_NE(notice, events.end()) << "no consent_withdrawn event";
  EXPECT_EQ(notice->consent_withdrawn().person_id(), person);
  EXPECT_EQ(notice->consent_withdrawn().consent_id(), consent.id());
  EXPECT_THAT(notice->consent_withdrawn().object_ids(), ElementsAre(id));
  for (const v1::Event& event : events) {
    EXPECT_THAT(LeakedFields(identity, event.SerializeAsString()), IsEmpty())
        << "event " << event.cursor();
  }

  // The lawyer's read of the identity is in the audit log, pseudonymous.
  auto audit = v1::AuditService::NewStub(rosa.channel());
  v1::GetEntriesRequest entries_request;
  entries_request.set_count(1000);
  v1::GetEntriesResponse entries;
  ASSERT_THAT(
      audit->GetEntries(ContextWithDeadline().get(), entries_request, &entries),
      IsOk());
  EXPECT_THAT(entries.entries(),
              Contains(AllOf(Property(&v1::AuditEntry::action, "person.read"),
                             Property(&v1::AuditEntry::actor, "advokat-lund"),
                             Property(&v1::AuditEntry::object_id, id),
                             Property(&v1::AuditEntry::person_id, person),
                             Property(&v1::AuditEntry::purpose,
                                      v1::CONSENT_PURPOSE_LEGAL_COUNSELLING))));
  EXPECT_THAT(LeakedFields(identity, entries.SerializeAsString()), IsEmpty());
}

TEST_F(ProtectedReferralTest, IomRecordsAssistedReturnThatRosaFollows) {
  PartnerClient rosa = Client("rosa");
  PartnerClient iom = Client("iom");
  PartnerClient oslo = Client("ks-oslo");
  const v1::PersonIdentity identity = CanaryIdentity();
  std::string person;
  ASSERT_THAT(RegisterPerson(rosa, identity, &person), IsOk());
  v1::Consent consent;
  ASSERT_THAT(GiveConsent(rosa, person, PartnerScope("iom"),
                          v1::CONSENT_PURPOSE_ASSISTED_RETURN, &consent),
              IsOk());
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(
      rosa.Submit(ReferralOf(person, "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN),
                  &submitted),
      IsOk());
  const std::string id = submitted.referral().id();

  // IOM receives the identity the table gives it (no contact address).
  v1::Referral got;
  ASSERT_THAT(iom.Get(id, &got), IsOk());
  EXPECT_THAT(SetFields(got.shared_identity()),
              UnorderedElementsAre("given_name", "family_name", "birth_date",
                                   "duf_number", "phone"));
  EXPECT_EQ(got.shared_identity().family_name(), identity.family_name());

  ASSERT_THAT(iom.Move(id, v1::REFERRAL_STATE_RECEIVED), IsOk());
  ASSERT_THAT(iom.Move(id, v1::REFERRAL_STATE_ACCEPTED), IsOk());

  v1::AssistedReturn ar;
  ar.set_status(v1::ASSISTED_RETURN_STATUS_ASSESSMENT);
  ar.set_status_date("2026-11-30");
  v1::Referral updated;
  ASSERT_THAT(UpdateAssistedReturn(iom, id, ar, &updated), IsOk());
  EXPECT_EQ(updated.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_ASSESSMENT);

  // From TRAVEL_BOOKED on, the departure date is required.
  ar.set_status(v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  ar.set_status_date("2026-12-01");
  EXPECT_THAT(UpdateAssistedReturn(iom, id, ar, &updated),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                       HasSubstr("assisted_return.departure_date")));
  ar.set_departure_date("2026-12-10");
  ar.set_housing_needed_until("2026-12-10");
  ar.set_destination_country("RO");
  ASSERT_THAT(UpdateAssistedReturn(iom, id, ar, &updated), IsOk());
  EXPECT_EQ(updated.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);

  // ROSA follows until when the person needs housing, without identity.
  v1::Referral rosa_view;
  ASSERT_THAT(rosa.Get(id, &rosa_view), IsOk());
  EXPECT_EQ(rosa_view.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  EXPECT_EQ(rosa_view.assisted_return().departure_date(), "2026-12-10");
  EXPECT_EQ(rosa_view.assisted_return().housing_needed_until(), "2026-12-10");
  EXPECT_FALSE(rosa_view.has_shared_identity());

  // Only IOM records statuses: another partner cannot see the referral, and
  // the sender may not.
  v1::AssistedReturn departed = ar;
  departed.set_status(v1::ASSISTED_RETURN_STATUS_DEPARTED);
  EXPECT_THAT(UpdateAssistedReturn(oslo, id, departed, &updated),
              StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(UpdateAssistedReturn(rosa, id, departed, &updated),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(rosa.Get(id, &rosa_view), IsOk());
  EXPECT_EQ(rosa_view.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
}

TEST_F(ProtectedReferralTest, MinorIsRefusedAndNothingIsStored) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  v1::SubmitReferralRequest minor = NewReferralRequest("ks-oslo");
  minor.mutable_facts()->set_age(16);
  v1::SubmitReferralResponse response;
  EXPECT_THAT(
      rosa.Submit(minor, &response),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION,
               AllOf(HasSubstr("barnevernsvakt"), HasSubstr("Bufdir"))));
  v1::SubmitReferralRequest possibly_minor = NewReferralRequest("ks-oslo");
  possibly_minor.mutable_facts()->set_possibly_minor(true);
  EXPECT_THAT(
      rosa.Submit(possibly_minor, &response),
      StatusIs(grpc::StatusCode::FAILED_PRECONDITION,
               AllOf(HasSubstr("barnevernsvakt"), HasSubstr("Bufdir"))));

  std::vector<v1::Referral> listed;
  ASSERT_THAT(rosa.ListAll(v1::ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), IsEmpty());
  ASSERT_THAT(oslo.ListAll(v1::ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), IsEmpty());
}

}  // namespace
}  // namespace rosa::integration
