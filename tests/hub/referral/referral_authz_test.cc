// Who may start which referral, through the referral desk on a real store
// with real persons and consents: a sender the submit table refuses gets
// PERMISSION_DENIED whatever exists about the person, nothing is made or
// disclosed, and the refusal is audited; a placement facility refers on only
// a person it hosts.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/referral/referral_desk.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_person::Await;
using testing_person::MakePartner;

class ReferralAuthzTest : public testing_person::PersonFixture {
 protected:
  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
        MakePartner("ks-telemark", v1::PARTNER_KIND_SHELTER),
        MakePartner("filemon", v1::PARTNER_KIND_SAFE_HOUSE),
        MakePartner("lauras-hus", v1::PARTNER_KIND_REINFORCED_HOUSING),
        MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
    });
    OpenHub();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }
  void TearDown() override {
    desk_.reset();
    CloseHub();
  }

  void Give(const std::string& person, const std::string& partner,
            v1::ConsentPurpose purpose) {
    v1::GiveConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(person);
    r.mutable_scope()->set_partner_id(partner);
    r.set_purpose(purpose);
    auto given = Await<v1::Consent>([&](auto done) {
      consents_->Give(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    ASSERT_TRUE(given.ok()) << given.status();
  }

  v1::SubmitReferralRequest Request(const std::string& recipient,
                                    v1::ReferralType type,
                                    const std::string& person) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient(recipient);
    r.set_type(type);
    r.set_person_ref(person);
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(31);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.set_note("Notecanary arrives by train.");
    return r;
  }

  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const std::string& sender, const v1::SubmitReferralRequest& r) {
    return Await<v1::SubmitReferralResponse>([&](auto done) {
      desk_->Submit(P(sender), r, absl::InfiniteFuture(), done);
    });
  }
  absl::Status Move(const std::string& who, const std::string& id,
                    v1::ReferralState target) {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(NextKey());
    r.set_referral_id(id);
    r.set_target(target);
    if (target == v1::REFERRAL_STATE_COMPLETED) r.set_nights_stayed(3);
    return Await<v1::Referral>([&](auto done) {
             desk_->UpdateStatus(P(who), r, absl::InfiniteFuture(), done);
           })
        .status();
  }
  size_t ReferralCount() { return Query("SELECT id FROM referrals").size(); }
  // The audit entries that name `person`.
  std::vector<v1::AuditEntry> EntriesFor(const std::string& person) {
    std::vector<v1::AuditEntry> out;
    for (v1::AuditEntry& e : AuditLog()) {
      if (e.person_id() == person) out.push_back(std::move(e));
    }
    return out;
  }

  std::unique_ptr<ReferralDesk> desk_;
};

TEST_F(ReferralAuthzTest, RefusedSenderGetsTheSameAnswerWhateverExists) {
  // Four persons: one registered with consent for IOM and the lawyer and a
  // referral from ROSA to each, one registered with those consents, one
  // registered without consent, one never registered.
  const std::string referred = RegisterNew("Canaryname");
  const std::string consented = RegisterNew("Canaryname");
  const std::string unconsented = RegisterNew("Canaryname");
  const std::string unknown = "P-NEVER0000";
  for (const std::string& p : {referred, consented}) {
    Give(p, "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
    Give(p, "advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  }
  ASSERT_TRUE(Submit("rosa", Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN,
                                     referred))
                  .ok());
  ASSERT_TRUE(Submit("rosa", Request("advokat-lund",
                                     v1::REFERRAL_TYPE_LEGAL_COUNSEL, referred))
                  .ok());
  const size_t made = ReferralCount();
  const size_t iom_events = Events("iom").size();

  struct Attempt {
    std::string sender, recipient;
    v1::ReferralType type;
  } attempts[] = {
      {"ks-oslo", "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN},
      {"filemon", "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN},
      {"lauras-hus", "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN},
      {"advokat-lund", "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN},
      {"ks-oslo", "advokat-lund", v1::REFERRAL_TYPE_LEGAL_COUNSEL},
      {"iom", "advokat-lund", v1::REFERRAL_TYPE_LEGAL_COUNSEL},
      {"iom", "ks-oslo", v1::REFERRAL_TYPE_PLACEMENT},
      {"advokat-lund", "lauras-hus", v1::REFERRAL_TYPE_PLACEMENT},
  };
  for (const Attempt& a : attempts) {
    SCOPED_TRACE(a.sender + " -> " + a.recipient);
    std::vector<std::string> answers;
    for (const std::string& person :
         {referred, consented, unconsented, unknown}) {
      auto r = Submit(a.sender, Request(a.recipient, a.type, person));
      EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied)
          << r.status();
      answers.push_back(std::string(r.status().message()));
    }
    EXPECT_EQ(answers[0], answers[1]);
    EXPECT_EQ(answers[0], answers[2]);
    EXPECT_EQ(answers[0], answers[3]);
    EXPECT_THAT(answers[0], HasSubstr("may not send"));
  }
  // Nothing was made, nobody was told.
  EXPECT_EQ(ReferralCount(), made);
  EXPECT_EQ(Events("iom").size(), iom_events);
}

TEST_F(ReferralAuthzTest, RefusalIsAuditedWithoutPersonalData) {
  const std::string person = RegisterNew("Canaryname");
  Give(person, "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  const size_t before = EntriesFor(person).size();

  auto r = Submit("ks-oslo",
                  Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, person));
  ASSERT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);

  // Committed, although the submission itself wrote nothing.
  std::vector<v1::AuditEntry> entries = EntriesFor(person);
  ASSERT_EQ(entries.size(), before + 1);
  const v1::AuditEntry& refused = entries.back();
  EXPECT_EQ(refused.actor(), "ks-oslo");
  EXPECT_EQ(refused.action(), "referral.submit.denied");
  EXPECT_EQ(refused.object_id(), "iom");
  EXPECT_EQ(refused.purpose(), v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  const std::string bytes = refused.SerializeAsString();
  for (const char* personal : {"Canaryname", "Notecanary", "Popescu"}) {
    EXPECT_THAT(bytes, Not(HasSubstr(personal)));
  }

  // A person id nobody registered is audited the same way, but without
  // it: the log keeps only ids the hub issued (see below).
  const size_t all_before = AuditLog().size();
  auto unknown = Submit(
      "ks-oslo", Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, "P-NONE1"));
  ASSERT_EQ(unknown.status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_EQ(AuditLog().size(), all_before + 1);
  EXPECT_EQ(AuditLog().back().action(), "referral.submit.denied");
  EXPECT_EQ(AuditLog().back().object_id(), "iom");
  EXPECT_TRUE(EntriesFor("P-NONE1").empty());

  // ROSA may send it, but no consent covers IOM for this person: that
  // refusal names the person too, so it is audited as well.
  const std::string unconsented = RegisterNew("Othercanary");
  auto no_consent = Submit(
      "rosa", Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, unconsented));
  ASSERT_EQ(no_consent.status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_FALSE(EntriesFor(unconsented).empty());
  EXPECT_EQ(EntriesFor(unconsented).back().action(), "referral.submit.refused");
  EXPECT_EQ(EntriesFor(unconsented).back().actor(), "rosa");

  // A well-formed request to a recipient it may not have names the person
  // too: audited. A malformed one named nobody: not audited.
  v1::SubmitReferralRequest to_itself =
      Request("rosa", v1::REFERRAL_TYPE_ASSISTANCE, unconsented);
  const size_t entries_before = EntriesFor(unconsented).size();
  ASSERT_EQ(Submit("rosa", to_itself).status().code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(EntriesFor(unconsented).size(), entries_before + 1);
  EXPECT_EQ(EntriesFor(unconsented).back().action(), "referral.submit.refused");
  to_itself.mutable_facts()->set_age(500);
  ASSERT_EQ(Submit("rosa", to_itself).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EntriesFor(unconsented).size(), entries_before + 1);

  // A made referral is audited as before, and not as a refusal.
  ASSERT_TRUE(
      Submit("rosa", Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, person))
          .ok());
  EXPECT_EQ(EntriesFor(person).back().action(), "referral.submit");
}

// The audit log is kept for good, even after an erasure: a caller's words
// typed into a refused request's recipient or person_ref never reach it.
// Before, an outside review found "blessing-okonkwo-hotel-bristol-rom-412"
// (a recipient) and "P-BLESSINGOKONKWO" (a person_ref) in it for good.
TEST_F(ReferralAuthzTest, ARefusalAuditsOnlyWhatTheHubKnows) {
  const std::string person = RegisterNew("Auditcanary");
  const size_t before = AuditLog().size();
  v1::SubmitReferralRequest to_a_name =
      Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, person);
  to_a_name.set_recipient("blessing-okonkwo-hotel-bristol-rom-412");
  EXPECT_FALSE(Submit("rosa", to_a_name).ok());
  const v1::SubmitReferralRequest of_a_name =
      Request("iom", v1::REFERRAL_TYPE_PLACEMENT, "P-BLESSINGOKONKWO");
  EXPECT_FALSE(Submit("rosa", of_a_name).ok());
  const std::vector<v1::AuditEntry> entries = AuditLog();
  ASSERT_EQ(entries.size(), before + 2);
  for (size_t i = before; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].action(), "referral.submit.refused");
    const std::string bytes = entries[i].SerializeAsString();
    EXPECT_THAT(bytes, Not(HasSubstr("okonkwo")));
    EXPECT_THAT(bytes, Not(HasSubstr("OKONKWO")));
  }
  // What the hub knows stays: the registered person, the real recipient.
  EXPECT_EQ(entries[before].person_id(), person);
  EXPECT_EQ(entries[before].object_id(), "");
  EXPECT_EQ(entries[before + 1].object_id(), "iom");
  EXPECT_EQ(entries[before + 1].person_id(), "");
}

TEST_F(ReferralAuthzTest, FacilityRefersOnOnlyAPersonItHosts) {
  const std::string hosted = "P-HOSTED01";
  const std::string elsewhere = "P-ELSEWHERE1";
  auto placed =
      Submit("rosa", Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, hosted));
  ASSERT_TRUE(placed.ok()) << placed.status();
  const std::string id = placed->referral().id();
  auto transfer = [&](const std::string& person) {
    return Submit("ks-oslo",
                  Request("lauras-hus", v1::REFERRAL_TYPE_PLACEMENT, person))
        .status();
  };

  // Asked for, received, accepted: the person has not arrived.
  EXPECT_EQ(transfer(hosted).code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED).ok());
  const absl::Status accepted = transfer(hosted);
  EXPECT_EQ(accepted.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(accepted.message()), HasSubstr("hosts"));
  // The same answer for a person ks-oslo never had.
  EXPECT_EQ(transfer(elsewhere), accepted);

  // Arrived: ks-oslo hosts her and may refer her on, and only her.
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_IN_PROGRESS).ok());
  EXPECT_TRUE(transfer(hosted).ok());
  EXPECT_EQ(transfer(elsewhere).code(), absl::StatusCode::kPermissionDenied);
  // Another shelter does not host her; nor may ks-oslo hold a place.
  EXPECT_EQ(Submit("ks-telemark",
                   Request("lauras-hus", v1::REFERRAL_TYPE_PLACEMENT, hosted))
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  v1::SubmitReferralRequest holding =
      Request("lauras-hus", v1::REFERRAL_TYPE_PLACEMENT, hosted);
  holding.mutable_hold()->set_facility_id("lauras-hus");
  EXPECT_EQ(Submit("ks-oslo", holding).status().code(),
            absl::StatusCode::kPermissionDenied);

  // Left: the stay is over.
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_COMPLETED).ok());
  EXPECT_EQ(transfer(hosted).code(), absl::StatusCode::kPermissionDenied);

  // One referral made by ks-oslo; each refusal audited.
  v1::ListReferralsRequest sent;
  sent.set_role(v1::REFERRAL_ROLE_SENT);
  auto list = Await<v1::ListReferralsResponse>(
      [&](auto done) { desk_->List(P("ks-oslo"), sent, done); });
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->referrals_size(), 1);
  int denied = 0;
  for (const v1::AuditEntry& e : AuditLog()) {
    if (e.action() == "referral.submit.denied") ++denied;
  }
  EXPECT_EQ(denied, 7);
}

TEST_F(ReferralAuthzTest, AssistanceNamingAPersonRevealsNothingOfThePerson) {
  // Any partner may ask ROSA for assistance, and must name a person_ref;
  // the hub looks nothing up about it, so the answers are alike.
  const std::string registered = RegisterNew("Canaryname");
  Give(registered, "ks-oslo", v1::CONSENT_PURPOSE_PLACEMENT);
  auto a = Submit("ks-oslo",
                  Request("rosa", v1::REFERRAL_TYPE_ASSISTANCE, registered));
  auto b = Submit("ks-oslo",
                  Request("rosa", v1::REFERRAL_TYPE_ASSISTANCE, "P-NEVER0001"));
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  v1::Referral x = a->referral();
  v1::Referral y = b->referral();
  for (v1::Referral* r : {&x, &y}) {
    EXPECT_FALSE(r->has_shared_identity());
    r->clear_id();
    r->clear_person_ref();
  }
  EXPECT_EQ(x.SerializeAsString(), y.SerializeAsString());
}

}  // namespace
}  // namespace rosa
