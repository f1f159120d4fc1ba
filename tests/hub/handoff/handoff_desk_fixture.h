// A fixture for the handoff desk tests: a real SQLite store and key file in
// a private temporary directory, a fixed clock, an in-memory registry with
// ROSA, two lawyers, a disabled lawyer and a shelter, and the person and
// consent desks to register a person and give or withdraw consent.
// Thread-safety: one fixture per test; the helpers block until the desk
// answers.
#ifndef ROSA_TESTS_HUB_HANDOFF_HANDOFF_DESK_FIXTURE_H_
#define ROSA_TESTS_HUB_HANDOFF_HANDOFF_DESK_FIXTURE_H_

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_log.h"
#include "hub/consent/consent_desk.h"
#include "hub/crypto/key_file.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/outbox/outbox.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testing_handoff {

namespace v1 = rosa::hub::v1;

class FixedClock final : public Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 29, 10, 0, 0),
                                   absl::UTCTimeZone());
};

inline Partner MakePartner(std::string id, PartnerKind kind,
                           bool enabled = true) {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.enabled = enabled;
  return p;
}

// Blocks on a desk's asynchronous answer.
template <typename T>
absl::StatusOr<T> Await(
    const std::function<void(std::function<void(absl::StatusOr<T>)>)>& call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

// Identifying values, each unique enough to grep for.
inline constexpr char kGivenName[] = "Canaryana";
inline constexpr char kFamilyName[] = "Popescucanary";
inline constexpr char kPhone[] = "+40712345678";

class HandoffDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto registry = PartnerRegistry::FromPartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("advokat-berg", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("advokat-stengt", v1::PARTNER_KIND_LEGAL_COUNSEL, false),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
    });
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    store::Database::Options options;
    options.path = dir_.File("hub.db");
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto keks = crypto::KekStore::OpenOrCreate(
        crypto::KekStore::DefaultPath(dir_.path()));
    ASSERT_TRUE(keks.ok()) << keks.status();
    keks_ = std::move(*keks);
    vault_ = std::make_unique<PersonVault>(keks_.get());
    outbox_ = std::make_unique<Outbox>(&notifier_);
    persons_ = std::make_unique<PersonDesk>(db_.get(), vault_.get(), &clock_,
                                            outbox_.get());
    consents_ = std::make_unique<ConsentDesk>(&registry_, db_.get(),
                                              outbox_.get(), &clock_);
    desk_ = std::make_unique<HandoffDesk>(&registry_, db_.get(), outbox_.get(),
                                          vault_.get(), &clock_);
  }

  void TearDown() override {
    desk_.reset();
    consents_.reset();
    persons_.reset();
    db_.reset();
  }

  const Partner& P(const std::string& id) { return *registry_.Find(id); }
  std::string NextKey() { return absl::StrCat("k-", ++key_counter_); }

  // Registers an adult woman and returns her person id.
  std::string RegisterPerson() {
    v1::RegisterPersonRequest r;
    r.set_idempotency_key(NextKey());
    v1::PersonIdentity* id = r.mutable_identity();
    id->set_given_name(kGivenName);
    id->set_family_name(kFamilyName);
    id->set_birth_date("1997-03-07");
    id->set_phone(kPhone);
    v1::PersonProfile* profile = r.mutable_profile();
    profile->set_gender(v1::GENDER_WOMAN);
    profile->set_birth_year(1997);
    profile->set_nationality("RO");
    profile->add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
    profile->set_residence_status(
        v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
    *r.mutable_registration_consent_given_at() =
        ToProtoTime(clock_.now - absl::Hours(1));
    auto person = Await<v1::Person>([&](auto done) {
      persons_->Register(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? person->id() : "";
  }

  // A consent to share identity with `partner` (an id, or a kind if
  // `kind` is set) for `purpose`; returns its id.
  std::string GiveConsent(
      const std::string& person_id, const std::string& partner,
      v1::ConsentPurpose purpose = v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
      v1::PartnerKind kind = v1::PARTNER_KIND_UNSPECIFIED) {
    v1::GiveConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(person_id);
    if (kind != v1::PARTNER_KIND_UNSPECIFIED) {
      r.mutable_scope()->set_partner_kind(kind);
    } else {
      r.mutable_scope()->set_partner_id(partner);
    }
    r.set_purpose(purpose);
    auto consent = Await<v1::Consent>([&](auto done) {
      consents_->Give(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(consent.ok()) << consent.status();
    return consent.ok() ? consent->id() : "";
  }

  void WithdrawConsent(const std::string& consent_id) {
    v1::WithdrawConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_consent_id(consent_id);
    auto consent = Await<v1::Consent>([&](auto done) {
      consents_->Withdraw(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(consent.ok()) << consent.status();
  }

  v1::CreateHandoffRequest CreateRequest(
      const std::string& person_id,
      const std::string& lawyer = "advokat-lund") {
    v1::CreateHandoffRequest r;
    r.set_idempotency_key(NextKey());
    r.set_lawyer(lawyer);
    r.set_person_id(person_id);
    r.set_case_summary("Identified by police; wants advice on residence.");
    r.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
    r.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
    return r;
  }

  absl::StatusOr<v1::Handoff> Create(const std::string& caller,
                                     const v1::CreateHandoffRequest& r) {
    return Await<v1::Handoff>([&](auto done) {
      desk_->Create(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  // A person with a consent for advokat-lund, and a handoff to it.
  v1::Handoff CreateWithConsent(const std::string& lawyer = "advokat-lund") {
    const std::string person = RegisterPerson();
    GiveConsent(person, lawyer);
    auto h = Create("rosa", CreateRequest(person, lawyer));
    EXPECT_TRUE(h.ok()) << h.status();
    return h.ok() ? *h : v1::Handoff();
  }

  absl::StatusOr<v1::Handoff> Get(const std::string& caller,
                                  const std::string& id) {
    v1::GetHandoffRequest r;
    r.set_handoff_id(id);
    return Await<v1::Handoff>([&](auto done) {
      desk_->Get(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  absl::StatusOr<v1::ListHandoffsResponse> List(const std::string& caller,
                                                int page_size = 0,
                                                const std::string& token = "") {
    v1::ListHandoffsRequest r;
    r.set_page_size(page_size);
    r.set_page_token(token);
    return Await<v1::ListHandoffsResponse>([&](auto done) {
      desk_->List(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  absl::StatusOr<v1::Handoff> Record(const std::string& caller,
                                     const std::string& id,
                                     const v1::HandoffEvent& event) {
    v1::RecordHandoffEventRequest r;
    r.set_idempotency_key(NextKey());
    r.set_handoff_id(id);
    *r.mutable_event() = event;
    return Await<v1::Handoff>([&](auto done) {
      desk_->RecordEvent(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  std::vector<v1::Event> Events(const std::string& partner) {
    std::vector<v1::Event> events;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) {
                      auto read = Outbox::Read(conn, partner, 0, 1000);
                      if (!read.ok()) return read.status();
                      events = std::move(*read);
                      return absl::OkStatus();
                    })
                    .ok());
    return events;
  }

  std::vector<v1::AuditEntry> AuditEntries() {
    std::vector<v1::AuditEntry> entries;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) {
                      auto read = audit::ReadAuditEntries(conn, 0, 10000);
                      if (!read.ok()) return read.status();
                      entries = std::move(*read);
                      return absl::OkStatus();
                    })
                    .ok());
    return entries;
  }

  // Audit entries with `action` about `object_id`.
  int CountAudit(const std::string& action, const std::string& object_id) {
    int n = 0;
    for (const v1::AuditEntry& e : AuditEntries()) {
      if (e.action() == action && e.object_id() == object_id) ++n;
    }
    return n;
  }

  testutil::TempDir dir_;
  FixedClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  std::unique_ptr<HandoffDesk> desk_;
  int key_counter_ = 0;
};

inline v1::HandoffEvent Accepted() {
  v1::HandoffEvent e;
  e.mutable_accepted();
  return e;
}
inline v1::HandoffEvent Declined(const std::string& reason) {
  v1::HandoffEvent e;
  e.mutable_declined()->set_reason(reason);
  return e;
}
inline v1::HandoffEvent Hours(uint32_t quarter_hours) {
  v1::HandoffEvent e;
  e.mutable_hours_used()->set_quarter_hours(quarter_hours);
  return e;
}
inline v1::HandoffEvent Extension(uint32_t quarter_hours) {
  v1::HandoffEvent e;
  e.mutable_extension_granted()->set_quarter_hours(quarter_hours);
  return e;
}
inline v1::HandoffEvent Closed(const std::string& summary) {
  v1::HandoffEvent e;
  e.mutable_closed()->set_summary(summary);
  return e;
}

}  // namespace rosa::testing_handoff

#endif  // ROSA_TESTS_HUB_HANDOFF_HANDOFF_DESK_FIXTURE_H_
