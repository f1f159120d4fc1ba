// The referral desk with real persons, consents, keys and store: the
// consent matrix (each referral type × recipient kind × consent present,
// absent, withdrawn before and after submission), checked field by field
// against the minimisation table on what the recipient actually receives;
// the secret-address rule; IOM's assisted-return statuses.
#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/referral/minimisation.h"
#include "hub/referral/referral_desk.h"
#include "tests/hub/person/person_fixture.h"
#include "tests/testutil/scan.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_person::Await;
using testing_person::FileBytes;
using Names = std::set<std::string>;

constexpr char kSecretAddress[] = "Hemmeligveien 3, 0150 Oslo";
constexpr char kOpenAddress[] = "Apen gate 9, 0150 Oslo";

Names SetFields(const google::protobuf::Message& m) {
  return testutil::SetFieldNames(m);
}

Names AsSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// Names minus the ones in `drop`.
Names operator-(Names a, const Names& drop) {
  for (const auto& d : drop) a.erase(d);
  return a;
}

Partner Make(std::string id, PartnerKind kind,
             std::vector<v1::Gender> admits = {},
             std::vector<Facility> facilities = {}) {
  Partner p = testing_person::MakePartner(std::move(id), kind);
  p.admits_genders = std::move(admits);
  p.facilities = std::move(facilities);
  return p;
}

class ReferralProtectionTest : public testing_person::PersonFixture {
 protected:
  void SetUp() override {
    UsePartners({
        Make("rosa", v1::PARTNER_KIND_COORDINATOR),
        Make("ks-oslo", v1::PARTNER_KIND_SHELTER, {},
             {{"ks-oslo", "Oslo", "oslo", kSecretAddress, true},
              {"ks-oslo-open", "Oslo open", "oslo", kOpenAddress, false}}),
        Make("filemon", v1::PARTNER_KIND_SAFE_HOUSE, {v1::GENDER_MAN}),
        Make("lauras-hus", v1::PARTNER_KIND_REINFORCED_HOUSING,
             {v1::GENDER_WOMAN}),
        Make("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
        Make("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
    });
    OpenHub();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }
  void TearDown() override {
    desk_.reset();
    CloseHub();
  }

  std::string RegisterPerson(v1::Gender gender) {
    v1::RegisterPersonRequest r = NewPerson("Canaryname");
    r.mutable_profile()->set_gender(gender);
    auto person = Register(r);
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? person->id() : "";
  }

  absl::StatusOr<v1::Consent> Give(const std::string& person,
                                   const std::string& partner,
                                   v1::ConsentPurpose purpose) {
    v1::GiveConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(person);
    r.mutable_scope()->set_partner_id(partner);
    r.set_purpose(purpose);
    return Await<v1::Consent>([&](auto done) {
      consents_->Give(P("rosa"), r, absl::InfiniteFuture(), done);
    });
  }

  v1::SubmitReferralRequest Request(const std::string& recipient,
                                    v1::ReferralType type,
                                    const std::string& person,
                                    v1::Gender gender) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient(recipient);
    r.set_type(type);
    r.set_person_ref(person);
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(gender);
    f->set_age(31);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_FORCED_LABOUR);
    f->set_accompanying_children(1);
    f->add_languages("ro");
    f->add_needs(v1::NEED_MEDICAL);
    f->set_acute(true);
    r.set_note("Arrives by train.");
    return r;
  }

  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const std::string& sender, const v1::SubmitReferralRequest& r) {
    return Await<v1::SubmitReferralResponse>([&](auto done) {
      desk_->Submit(P(sender), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Referral> Get(const std::string& who,
                                   const std::string& id) {
    v1::GetReferralRequest r;
    r.set_referral_id(id);
    return Await<v1::Referral>([&](auto done) { desk_->Get(P(who), r, done); });
  }
  absl::StatusOr<v1::Referral> Move(const std::string& who,
                                    const std::string& id,
                                    v1::ReferralState target,
                                    const std::string& facility = "") {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(NextKey());
    r.set_referral_id(id);
    r.set_target(target);
    r.set_facility_id(facility);
    return Await<v1::Referral>([&](auto done) {
      desk_->UpdateStatus(P(who), r, absl::InfiniteFuture(), done);
    });
  }

  std::unique_ptr<ReferralDesk> desk_;
};

enum class ConsentState {
  kPresent,
  kAbsent,
  kWithdrawnBefore,
  kWithdrawnAfter
};

std::string Name(ConsentState s) {
  switch (s) {
    case ConsentState::kPresent:
      return "present";
    case ConsentState::kAbsent:
      return "absent";
    case ConsentState::kWithdrawnBefore:
      return "withdrawn before submission";
    case ConsentState::kWithdrawnAfter:
      return "withdrawn after submission";
  }
  return "";
}

TEST_F(ReferralProtectionTest, ConsentMatrixFieldByField) {
  struct Pair {
    std::string sender, recipient;
    v1::ReferralType type;
    PartnerKind kind;
    v1::Gender gender;
  };
  const Pair pairs[] = {
      {"rosa", "ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, v1::PARTNER_KIND_SHELTER,
       v1::GENDER_WOMAN},
      {"rosa", "filemon", v1::REFERRAL_TYPE_PLACEMENT,
       v1::PARTNER_KIND_SAFE_HOUSE, v1::GENDER_MAN},
      {"rosa", "lauras-hus", v1::REFERRAL_TYPE_PLACEMENT,
       v1::PARTNER_KIND_REINFORCED_HOUSING, v1::GENDER_WOMAN},
      {"rosa", "advokat-lund", v1::REFERRAL_TYPE_LEGAL_COUNSEL,
       v1::PARTNER_KIND_LEGAL_COUNSEL, v1::GENDER_WOMAN},
      {"rosa", "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN,
       v1::PARTNER_KIND_ASSISTED_RETURN, v1::GENDER_WOMAN},
      {"ks-oslo", "rosa", v1::REFERRAL_TYPE_ASSISTANCE,
       v1::PARTNER_KIND_COORDINATOR, v1::GENDER_WOMAN},
  };
  for (const Pair& pair : pairs) {
    for (ConsentState state :
         {ConsentState::kPresent, ConsentState::kAbsent,
          ConsentState::kWithdrawnBefore, ConsentState::kWithdrawnAfter}) {
      SCOPED_TRACE(v1::ReferralType_Name(pair.type) + " to " + pair.recipient +
                   ", consent " + Name(state));
      const MinimisationRule& rule = RuleFor(pair.type, pair.kind);
      const v1::ConsentPurpose purpose =
          rule.identity.empty() ? v1::CONSENT_PURPOSE_PLACEMENT : rule.purpose;
      const std::string person = RegisterPerson(pair.gender);
      std::string consent_id;
      if (state != ConsentState::kAbsent) {
        auto consent = Give(person, pair.recipient, purpose);
        ASSERT_TRUE(consent.ok()) << consent.status();
        consent_id = consent->id();
      }
      if (state == ConsentState::kWithdrawnBefore) WithdrawConsent(consent_id);

      const size_t events_before = Events(pair.recipient).size();
      auto submitted = Submit(
          pair.sender, Request(pair.recipient, pair.type, person, pair.gender));
      const bool identity_type = !rule.identity.empty();
      const bool consent_live = state == ConsentState::kPresent ||
                                state == ConsentState::kWithdrawnAfter;
      if (identity_type && !consent_live) {
        ASSERT_EQ(submitted.status().code(),
                  absl::StatusCode::kFailedPrecondition);
        EXPECT_THAT(std::string(submitted.status().message()),
                    HasSubstr(pair.recipient));
        EXPECT_THAT(std::string(submitted.status().message()),
                    HasSubstr(ConsentPurposeName(purpose)));
        EXPECT_EQ(Events(pair.recipient).size(), events_before);
        continue;
      }
      ASSERT_TRUE(submitted.ok()) << submitted.status();
      const std::string id = submitted->referral().id();
      EXPECT_FALSE(submitted->referral().has_shared_identity());
      if (state == ConsentState::kWithdrawnAfter) WithdrawConsent(consent_id);

      auto received = Get(pair.recipient, id);
      ASSERT_TRUE(received.ok()) << received.status();
      // possibly_minor is false for an adult, so never set on the wire.
      EXPECT_EQ(SetFields(received->facts()),
                AsSet(rule.facts) - Names{"possibly_minor"});
      EXPECT_EQ(!received->note().empty(), rule.note);
      const bool gets_identity =
          identity_type && state == ConsentState::kPresent;
      EXPECT_EQ(SetFields(received->shared_identity()),
                gets_identity ? AsSet(rule.identity) : Names{});
      if (gets_identity) {
        EXPECT_EQ(received->shared_identity().given_name(), "Canaryname");
      }
      // What the recipient's stream carries: the same facts, never identity.
      const auto events = Events(pair.recipient);
      ASSERT_GT(events.size(), events_before);
      const v1::Referral& streamed = events.back().referral().referral();
      EXPECT_EQ(SetFields(streamed.facts()), SetFields(received->facts()));
      EXPECT_FALSE(streamed.has_shared_identity());
      EXPECT_EQ(streamed.SerializeAsString().find("Canaryname"),
                std::string::npos);
    }
  }
}

TEST_F(ReferralProtectionTest, IdentityStopsWhenTheReferralCloses) {
  struct Case {
    std::string recipient;
    v1::ReferralType type;
    v1::ConsentPurpose purpose;
    std::vector<v1::ReferralState> open;  // Identity after each of these.
    v1::ReferralState close;
  };
  const Case cases[] = {
      {"advokat-lund",
       v1::REFERRAL_TYPE_LEGAL_COUNSEL,
       v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
       {v1::REFERRAL_STATE_RECEIVED},
       v1::REFERRAL_STATE_REJECTED},
      {"advokat-lund",
       v1::REFERRAL_TYPE_LEGAL_COUNSEL,
       v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
       {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED},
       v1::REFERRAL_STATE_CANCELLED},
      {"iom",
       v1::REFERRAL_TYPE_ASSISTED_RETURN,
       v1::CONSENT_PURPOSE_ASSISTED_RETURN,
       {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
        v1::REFERRAL_STATE_IN_PROGRESS},
       v1::REFERRAL_STATE_COMPLETED},
  };
  auto reads = [&] {
    const std::vector<std::string> actions = AuditActions();
    return std::count(actions.begin(), actions.end(), "person.read");
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.recipient + " until " + v1::ReferralState_Name(c.close));
    const std::string person = RegisterPerson(v1::GENDER_WOMAN);
    ASSERT_TRUE(Give(person, c.recipient, c.purpose).ok());
    auto submitted =
        Submit("rosa", Request(c.recipient, c.type, person, v1::GENDER_WOMAN));
    ASSERT_TRUE(submitted.ok()) << submitted.status();
    const std::string id = submitted->referral().id();
    auto open = Get(c.recipient, id);
    ASSERT_TRUE(open.ok()) << open.status();
    EXPECT_EQ(open->shared_identity().given_name(), "Canaryname");
    for (v1::ReferralState state : c.open) {
      ASSERT_TRUE(Move(c.recipient, id, state).ok());
      EXPECT_TRUE(Get(c.recipient, id)->has_shared_identity())
          << v1::ReferralState_Name(state);
    }
    v1::UpdateReferralStatusRequest close;
    close.set_idempotency_key(NextKey());
    close.set_referral_id(id);
    close.set_target(c.close);
    close.set_reason("Closed.");
    const std::string closer =
        c.close == v1::REFERRAL_STATE_CANCELLED ? "rosa" : c.recipient;
    ASSERT_TRUE(Await<v1::Referral>([&](auto done) {
                  desk_->UpdateStatus(P(closer), close, absl::InfiniteFuture(),
                                      done);
                }).ok());
    const auto reads_before = reads();
    auto closed = Get(c.recipient, id);
    ASSERT_TRUE(closed.ok()) << closed.status();
    EXPECT_FALSE(closed->has_shared_identity());
    EXPECT_EQ(closed->SerializeAsString().find("Canaryname"),
              std::string::npos);
    EXPECT_EQ(SetFields(closed->facts()), SetFields(open->facts()))
        << "the facts stay";
    EXPECT_EQ(reads(), reads_before) << "no identity read, none audited";
  }
}

TEST_F(ReferralProtectionTest, SecretAddressIsNeverSentOrStored) {
  const std::string secret_ref = "P-SECRET01";
  auto a = Submit("rosa", Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT,
                                  secret_ref, v1::GENDER_WOMAN));
  ASSERT_TRUE(a.ok()) << a.status();
  const std::string id = a->referral().id();
  ASSERT_TRUE(Move("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  auto accepted = Move("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED, "ks-oslo");
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  auto seen = Get("rosa", id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->facility().id(), "ks-oslo");
  EXPECT_TRUE(seen->facility().secret_address());
  EXPECT_TRUE(seen->facility().address().empty());
  for (const char* partner : {"rosa", "ks-oslo"}) {
    for (const v1::Event& e : Events(partner)) {
      EXPECT_EQ(e.SerializeAsString().find(kSecretAddress), std::string::npos);
    }
  }
  // An open facility's address does reach the sender.
  auto b = Submit("rosa", Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT,
                                  "P-OPEN0001", v1::GENDER_WOMAN));
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(
      Move("ks-oslo", b->referral().id(), v1::REFERRAL_STATE_RECEIVED).ok());
  ASSERT_TRUE(Move("ks-oslo", b->referral().id(), v1::REFERRAL_STATE_ACCEPTED,
                   "ks-oslo-open")
                  .ok());
  EXPECT_EQ(Get("rosa", b->referral().id())->facility().address(),
            kOpenAddress);
  // Not a facility of the recipient's, or not on acceptance: refused.
  auto c = Submit("rosa", Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT,
                                  "P-OTHER001", v1::GENDER_WOMAN));
  ASSERT_TRUE(
      Move("ks-oslo", c->referral().id(), v1::REFERRAL_STATE_RECEIVED).ok());
  EXPECT_EQ(Move("ks-oslo", c->referral().id(), v1::REFERRAL_STATE_ACCEPTED,
                 "filemon")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  // Nowhere on disk: database and WAL.
  CloseHub();
  EXPECT_EQ(FileBytes(db_path()).find(kSecretAddress), std::string::npos);
  EXPECT_EQ(FileBytes(wal_path()).find(kSecretAddress), std::string::npos);
  EXPECT_NE(FileBytes(db_path()).find("P-SECRET01"), std::string::npos)
      << "the scan must be able to find what is there";
  OpenHub();
}

// A secret shelter's address is never a person's contact address: it would
// go to every partner the identity goes to (a lawyer's package, IOM's XML).
TEST_F(ReferralProtectionTest, ASecretAddressIsNoPersonsContactAddress) {
  v1::RegisterPersonRequest r = NewPerson("Canaryname");
  r.mutable_identity()->set_contact_address("hemmeligveien 3 0150 OSLO");
  auto refused = Register(r);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("identity.contact_address"));
  EXPECT_THAT(std::string(refused.status().message()),
              Not(HasSubstr("emmeligveien")));
  r = NewPerson("Canaryname");
  r.mutable_identity()->set_contact_address(kOpenAddress);
  EXPECT_TRUE(Register(r).ok());
}

TEST_F(ReferralProtectionTest, MinorReferralRecordsAChildWelfareAlert) {
  v1::SubmitReferralRequest r = Request("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT,
                                        "P-MINOR001", v1::GENDER_WOMAN);
  r.mutable_facts()->set_age(16);
  auto refused = Submit("rosa", r);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("barnevernsvakt"));
  EXPECT_EQ(Query("SELECT reported_by FROM child_welfare_alerts"),
            std::vector<std::string>{"rosa"});
  EXPECT_TRUE(Query("SELECT id FROM referrals").empty());
  EXPECT_THAT(AuditActions(),
              ::testing::Contains(HasSubstr("child_welfare.alert")));
  // A retry gets the same refusal and records no second alert; the key
  // serves no other request.
  auto retried = Submit("rosa", r);
  EXPECT_EQ(retried.status(), refused.status());
  EXPECT_EQ(Query("SELECT reported_by FROM child_welfare_alerts").size(), 1u);
  v1::SubmitReferralRequest adult = r;
  adult.mutable_facts()->set_age(19);
  EXPECT_EQ(Submit("rosa", adult).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(Query("SELECT id FROM referrals").empty());
}

TEST_F(ReferralProtectionTest, FilemonAndLaurasHusTakeWhomTheyTake) {
  auto woman_to_filemon =
      Submit("rosa", Request("filemon", v1::REFERRAL_TYPE_PLACEMENT,
                             "P-AAAA0001", v1::GENDER_WOMAN));
  EXPECT_EQ(woman_to_filemon.status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto man_to_lauras =
      Submit("rosa", Request("lauras-hus", v1::REFERRAL_TYPE_PLACEMENT,
                             "P-AAAA0002", v1::GENDER_MAN));
  EXPECT_EQ(man_to_lauras.status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Query("SELECT id FROM referrals").empty());
}

TEST_F(ReferralProtectionTest, IomRecordsAssistedReturnStatuses) {
  const std::string person = RegisterPerson(v1::GENDER_WOMAN);
  ASSERT_TRUE(Give(person, "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN).ok());
  auto s = Submit("rosa", Request("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN,
                                  person, v1::GENDER_WOMAN));
  ASSERT_TRUE(s.ok()) << s.status();
  const std::string id = s->referral().id();
  auto update = [&](const std::string& who, v1::AssistedReturnStatus status,
                    const std::string& departure) {
    v1::UpdateAssistedReturnRequest r;
    r.set_idempotency_key(NextKey());
    r.set_referral_id(id);
    r.mutable_assisted_return()->set_status(status);
    r.mutable_assisted_return()->set_status_date("2026-11-28");
    r.mutable_assisted_return()->set_departure_date(departure);
    r.mutable_assisted_return()->set_housing_needed_until(departure);
    return Await<v1::Referral>([&](auto done) {
      desk_->UpdateAssistedReturn(P(who), r, absl::InfiniteFuture(), done);
    });
  };
  EXPECT_EQ(
      update("iom", v1::ASSISTED_RETURN_STATUS_ASSESSMENT, "").status().code(),
      absl::StatusCode::kFailedPrecondition)
      << "statuses follow acceptance";
  ASSERT_TRUE(Move("iom", id, v1::REFERRAL_STATE_RECEIVED).ok());
  ASSERT_TRUE(Move("iom", id, v1::REFERRAL_STATE_ACCEPTED).ok());
  EXPECT_TRUE(update("iom", v1::ASSISTED_RETURN_STATUS_ASSESSMENT, "").ok());
  EXPECT_EQ(update("iom", v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED, "")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      update("rosa", v1::ASSISTED_RETURN_STATUS_ELIGIBLE, "").status().code(),
      absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(update("ks-oslo", v1::ASSISTED_RETURN_STATUS_ELIGIBLE, "")
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  ASSERT_TRUE(
      update("iom", v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED, "2026-12-10")
          .ok());
  auto rosa_view = Get("rosa", id);
  ASSERT_TRUE(rosa_view.ok());
  EXPECT_EQ(rosa_view->assisted_return().housing_needed_until(), "2026-12-10");
  EXPECT_EQ(rosa_view->assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  EXPECT_EQ(Events("rosa").back().referral().kind(),
            v1::ReferralEvent::KIND_ASSISTED_RETURN_UPDATED);
}

}  // namespace
}  // namespace rosa
