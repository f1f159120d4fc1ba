// Who may start which referral, over mutual TLS against the real hub: the
// attack an outside review found. With a crisis centre's certificate,
// ks-oslo submits an ASSISTED_RETURN referral to IOM naming a registered
// person whose consent covers IOM. The hub refuses it (PERMISSION_DENIED,
// the same words as for a person id nobody registered), makes no referral,
// so IOM can read no identity, and the refusal is in the audit log.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/audit_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Property;

// RegisterPersonWithConsent's identity (hub_client.cc).
constexpr char kGivenName[] = "Ioana";
constexpr char kFamilyName[] = "Testescu";

v1::SubmitReferralRequest AssistedReturnFor(const std::string& person) {
  v1::SubmitReferralRequest request =
      NewReferralRequest("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN);
  request.set_person_ref(person);
  return request;
}

class SubmitAuthzTest : public HubTest {};

TEST_F(SubmitAuthzTest, CrisisCentreCannotStartAssistedReturn) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  PartnerClient iom = Client("iom");
  std::string person;
  ASSERT_THAT(rosa.RegisterPersonWithConsent(
                  "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, &person),
              IsOk());

  v1::SubmitReferralResponse response;
  const grpc::Status refused =
      oslo.Submit(AssistedReturnFor(person), &response);
  EXPECT_THAT(refused, StatusIs(grpc::StatusCode::PERMISSION_DENIED,
                                HasSubstr("assisted_return")));
  EXPECT_THAT(refused.error_message(), Not(HasSubstr(person)));
  EXPECT_TRUE(response.referral().id().empty());

  // The answer does not tell a registered person from an unknown id.
  const grpc::Status unknown =
      oslo.Submit(AssistedReturnFor("P-NOBODYAUTHZ"), &response);
  EXPECT_EQ(unknown.error_code(), refused.error_code());
  EXPECT_EQ(unknown.error_message(), refused.error_message());

  // No referral exists, so IOM has nothing to read.
  std::vector<v1::Referral> iom_sees;
  ASSERT_THAT(iom.ListAll(v1::ListReferralsRequest(), &iom_sees), IsOk());
  EXPECT_THAT(iom_sees, IsEmpty());
  std::vector<v1::Referral> rosa_sees;
  ASSERT_THAT(rosa.ListAll(v1::ListReferralsRequest(), &rosa_sees), IsOk());
  EXPECT_THAT(rosa_sees, IsEmpty());

  // The refusal is audited: actor, action with its outcome, object, person.
  v1::GetEntriesRequest entries_request;
  entries_request.set_count(1000);
  v1::GetEntriesResponse entries;
  ASSERT_THAT(
      v1::AuditService::NewStub(rosa.channel())
          ->GetEntries(ContextWithDeadline().get(), entries_request, &entries),
      IsOk());
  EXPECT_THAT(entries.entries(),
              Contains(AllOf(
                  Property(&v1::AuditEntry::actor, "ks-oslo"),
                  Property(&v1::AuditEntry::action, "referral.submit.denied"),
                  Property(&v1::AuditEntry::object_id, "iom"),
                  Property(&v1::AuditEntry::person_id, person),
                  Property(&v1::AuditEntry::purpose,
                           v1::CONSENT_PURPOSE_ASSISTED_RETURN))));
  // The unknown id's refusal is audited too, but without the id: the log
  // keeps only ids the hub issued (a caller's words never go into it).
  EXPECT_THAT(entries.entries(),
              Contains(AllOf(
                  Property(&v1::AuditEntry::action, "referral.submit.denied"),
                  Property(&v1::AuditEntry::person_id, ""))));
  EXPECT_THAT(
      entries.entries(),
      Not(Contains(Property(&v1::AuditEntry::person_id, "P-NOBODYAUTHZ"))));
  const std::string log = entries.SerializeAsString();
  EXPECT_THAT(log, Not(HasSubstr(kGivenName)));
  EXPECT_THAT(log, Not(HasSubstr(kFamilyName)));

  // The control: the same referral from ROSA is made, and IOM reads the
  // identity its consent covers. So the refusal above is what kept it safe.
  ASSERT_THAT(rosa.Submit(AssistedReturnFor(person), &response), IsOk());
  v1::Referral got;
  ASSERT_THAT(iom.Get(response.referral().id(), &got), IsOk());
  EXPECT_EQ(got.shared_identity().given_name(), kGivenName);
  EXPECT_EQ(got.sender(), "rosa");
}

TEST_F(SubmitAuthzTest, ShelterMayAskRosaForAssistanceButNotReferOnUnhosted) {
  PartnerClient oslo = Client("ks-oslo");
  v1::SubmitReferralResponse response;
  EXPECT_THAT(
      oslo.Submit(NewReferralRequest("rosa", v1::REFERRAL_TYPE_ASSISTANCE),
                  &response),
      IsOk());
  // Nobody placed this person at ks-oslo: it may not refer her on.
  EXPECT_THAT(
      oslo.Submit(NewReferralRequest("lauras-hus"), &response),
      StatusIs(grpc::StatusCode::PERMISSION_DENIED, HasSubstr("hosts")));
}

}  // namespace
}  // namespace rosa::integration
