// Tests of the consent book and desk: coverage by partner and by kind,
// withdrawal that stops coverage at once and tells exactly the partners
// that received identity, and the audit entries of every change.
#include "hub/consent/consent_desk.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/consent/consent_book.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa::testing_person {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

class ConsentDeskTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    person_ = RegisterNew();
  }

  absl::StatusOr<v1::Consent> Give(v1::ConsentScope scope,
                                   v1::ConsentPurpose purpose,
                                   const std::string& caller = "rosa") {
    v1::GiveConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(person_);
    *r.mutable_scope() = std::move(scope);
    r.set_purpose(purpose);
    return Await<v1::Consent>([&](auto done) {
      consents_->Give(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Consent> GiveTo(const std::string& partner,
                                     v1::ConsentPurpose purpose) {
    v1::ConsentScope scope;
    scope.set_partner_id(partner);
    return Give(scope, purpose);
  }
  absl::StatusOr<v1::Consent> GiveToKind(v1::PartnerKind kind,
                                         v1::ConsentPurpose purpose) {
    v1::ConsentScope scope;
    scope.set_partner_kind(kind);
    return Give(scope, purpose);
  }
  absl::StatusOr<v1::Consent> Withdraw(const std::string& id,
                                       const std::string& caller = "rosa") {
    v1::WithdrawConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_consent_id(id);
    return Await<v1::Consent>([&](auto done) {
      consents_->Withdraw(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::ListConsentsResponse> List(const std::string& caller) {
    v1::ListConsentsRequest r;
    r.set_person_id(person_);
    return Await<v1::ListConsentsResponse>(
        [&](auto done) { consents_->List(P(caller), r, done); });
  }
  // The id of the consent covering `partner` for `purpose`, "" if none.
  std::string Covering(const std::string& partner, v1::ConsentPurpose purpose) {
    std::string id;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto c = FindCoveringConsent(conn, person_, P(partner),
                                                   purpose);
                      if (!c.ok()) return c.status();
                      if (c->has_value()) id = (*c)->id();
                      return absl::OkStatus();
                    })
                    .ok());
    return id;
  }
  void Disclose(const std::string& partner, const std::string& consent_id,
                const std::string& object_id) {
    DiscloseTo(person_, partner, consent_id, object_id);
  }

  std::string person_;
};

TEST_F(ConsentDeskTest, ConsentToAPartnerCoversThatPartnerAndPurposeOnly) {
  auto consent = GiveTo("advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  ASSERT_TRUE(consent.ok()) << consent.status();
  EXPECT_THAT(consent->id(), MatchesRegex("C-[A-Z0-9]{10}"));
  EXPECT_EQ(consent->recorded_by(), "rosa");
  EXPECT_EQ(FromProtoTime(consent->given_at()), clock_.Now());
  EXPECT_EQ(Covering("advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING),
            consent->id());
  EXPECT_EQ(Covering("advokat-berg", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING),
            "");
  EXPECT_EQ(Covering("advokat-lund", v1::CONSENT_PURPOSE_ASSISTED_RETURN), "");
  EXPECT_EQ(Covering("rosa", v1::CONSENT_PURPOSE_REGISTRATION), "")
      << "the registration consent lets nobody receive identity";
}

TEST_F(ConsentDeskTest, ConsentToAKindCoversEveryPartnerOfThatKind) {
  auto consent = GiveToKind(v1::PARTNER_KIND_LEGAL_COUNSEL,
                            v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  ASSERT_TRUE(consent.ok()) << consent.status();
  EXPECT_EQ(Covering("advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING),
            consent->id());
  EXPECT_EQ(Covering("advokat-berg", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING),
            consent->id());
  EXPECT_EQ(Covering("iom", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING), "");
}

TEST_F(ConsentDeskTest, RefusesBadConsents) {
  EXPECT_EQ(GiveTo("advokat-nobody", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GiveTo("iom", v1::CONSENT_PURPOSE_REGISTRATION).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GiveTo("iom", v1::CONSENT_PURPOSE_UNSPECIFIED).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      Give(v1::ConsentScope(), v1::CONSENT_PURPOSE_PLACEMENT).status().code(),
      absl::StatusCode::kInvalidArgument);
  v1::ConsentScope scope;
  scope.set_partner_id("iom");
  EXPECT_EQ(Give(scope, v1::CONSENT_PURPOSE_ASSISTED_RETURN, "ks-oslo")
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  person_ = "P-0000000000";
  EXPECT_EQ(GiveTo("iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ConsentDeskTest, WithdrawalStopsCoverageAndTellsOnlyRecipients) {
  auto lund = GiveTo("advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  auto iom = GiveTo("iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  ASSERT_TRUE(lund.ok() && iom.ok());
  Disclose("advokat-lund", lund->id(), "R-2026-000002");
  Disclose("advokat-lund", lund->id(), "H-0000000001");
  Disclose("iom", iom->id(), "R-2026-000003");

  auto withdrawn = Withdraw(lund->id());
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status();
  EXPECT_TRUE(withdrawn->has_withdrawn_at());
  EXPECT_EQ(Covering("advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING),
            "");
  EXPECT_EQ(Covering("iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN), iom->id());

  const std::vector<v1::Event> events = Events("advokat-lund");
  ASSERT_THAT(events, SizeIs(1));
  const v1::ConsentWithdrawnEvent& e = events[0].consent_withdrawn();
  EXPECT_EQ(e.person_id(), person_);
  EXPECT_EQ(e.consent_id(), lund->id());
  EXPECT_THAT(e.object_ids(), ElementsAre("H-0000000001", "R-2026-000002"));
  EXPECT_THAT(Events("iom"), IsEmpty());
  EXPECT_THAT(Events("advokat-berg"), IsEmpty());
  EXPECT_THAT(Events("rosa"), IsEmpty());

  // Withdrawing again changes nothing and tells nobody twice.
  auto again = Withdraw(lund->id());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->withdrawn_at().seconds(),
            withdrawn->withdrawn_at().seconds());
  EXPECT_THAT(Events("advokat-lund"), SizeIs(1));
}

TEST_F(ConsentDeskTest, EveryChangeIsAudited) {
  auto consent = GiveTo("iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  ASSERT_TRUE(consent.ok());
  ASSERT_TRUE(Withdraw(consent->id()).ok());
  const std::vector<v1::AuditEntry> log = AuditLog();
  ASSERT_THAT(log, SizeIs(4));  // person.register, consent.give (reg.), ...
  EXPECT_EQ(log[2].action(), "consent.give");
  EXPECT_EQ(log[3].action(), "consent.withdraw");
  for (int i : {2, 3}) {
    EXPECT_EQ(log[i].object_id(), consent->id());
    EXPECT_EQ(log[i].person_id(), person_);
    EXPECT_EQ(log[i].actor(), "rosa");
    EXPECT_EQ(log[i].purpose(), v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  }
}

TEST_F(ConsentDeskTest, TheRegistrationConsentGoesOnlyWithThePerson) {
  auto list = List("rosa");
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_THAT(list->consents(), SizeIs(1));
  const v1::Consent& registration = list->consents(0);
  EXPECT_EQ(registration.purpose(), v1::CONSENT_PURPOSE_REGISTRATION);
  auto withdrawn = Withdraw(registration.id());
  EXPECT_EQ(withdrawn.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(withdrawn.status().message()),
              HasSubstr("ErasePerson"));
}

TEST_F(ConsentDeskTest, OnlyACoordinatorSeesOrWithdrawsConsents) {
  auto consent = GiveTo("iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  ASSERT_TRUE(consent.ok());
  EXPECT_EQ(List("iom").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Withdraw(consent->id(), "iom").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Covering("iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN),
            consent->id());
  auto list = List("rosa");
  ASSERT_TRUE(list.ok());
  EXPECT_THAT(list->consents(), SizeIs(2));
}

TEST(ConsentBookTest, MissingConsentErrorNamesPartnerAndPurpose) {
  Partner lund = MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL);
  const absl::Status s =
      MissingConsentError(lund, v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(s.message()),
            "no consent covers sharing identity with advokat-lund for "
            "legal_counselling");
  EXPECT_EQ(ConsentPurposeName(v1::CONSENT_PURPOSE_ASSISTED_RETURN),
            "assisted_return");
}

}  // namespace
}  // namespace rosa::testing_person
