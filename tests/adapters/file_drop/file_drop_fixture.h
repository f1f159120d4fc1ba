// A test fixture for the file drop on the real core path: the real plugin
// libraries, the desks on a real SQLite store and key file in a fresh
// temporary directory, the test registry with IOM and the lawyer also on
// file drop, a FixedClock, and a FileDrop that polls every 20 ms and sweeps
// on every round. Header-only; shared by the file drop tests.
#ifndef ROSA_TESTS_ADAPTERS_FILE_DROP_FILE_DROP_FIXTURE_H_
#define ROSA_TESTS_ADAPTERS_FILE_DROP_FILE_DROP_FIXTURE_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/civil_time.h"
#include "adapters/file_drop/file_drop.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/common/private_file.h"
#include "hub/consent/consent_desk.h"
#include "hub/consent/exchange_files.h"
#include "hub/crypto/key_file.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/outbox/outbox.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "hub/plugin_host/plugin_host.h"
#include "hub/referral/referral_event_content.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testing_file_drop {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;

// Runs a desk call and waits for its answer.
template <typename T, typename Call>
absl::StatusOr<T> Await(Call call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

// Polls `done` every 10 ms for up to 10 s.
inline bool WaitFor(const std::function<bool()>& done) {
  const absl::Time until = absl::Now() + absl::Seconds(10);
  while (absl::Now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

class FileDropFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto file = PartnerRegistry::LoadFile(ROSA_PARTNERS_FILE);
    ASSERT_TRUE(file.ok()) << file.status();
    std::vector<Partner> partners;
    for (const Partner* p : file->All()) {
      partners.push_back(*p);
      if (p->id == "iom" || p->id == "advokat-lund") {
        partners.back().file_drop = true;
      }
    }
    auto registry = PartnerRegistry::FromPartners(std::move(partners));
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    plugins_ = std::make_unique<PluginHost>(
        PluginHost::Options::InProcess(ROSA_PLUGIN_DIR, dir_.File("plugins")));
    ASSERT_TRUE(plugins_->LoadAll().ok());
    store::Database::Options options;
    options.path = dir_.File("rosa-hub.db");
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto keks = crypto::KekStore::OpenOrCreate(
        crypto::KekStore::DefaultPath(dir_.path()));
    ASSERT_TRUE(keks.ok()) << keks.status();
    keks_ = std::move(*keks);
    outbox_ = std::make_unique<Outbox>(&notifier_);
    vault_ = std::make_unique<PersonVault>(keks_.get());
    content_ =
        std::make_unique<ReferralEventContent>(&registry_, &vault_->texts());
    placement_ =
        std::make_unique<PlacementDesk>(&registry_, db_.get(), outbox_.get(),
                                        &clock_, PlacementDesk::Options{});
    referrals_ =
        std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                       vault_.get(), &clock_, placement_.get());
    persons_ = std::make_unique<PersonDesk>(db_.get(), vault_.get(), &clock_,
                                            outbox_.get(), &exchange_files_);
    consents_ = std::make_unique<ConsentDesk>(
        &registry_, db_.get(), outbox_.get(), &clock_, &exchange_files_);
    handoffs_ = std::make_unique<HandoffDesk>(
        &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_);
    inquiries_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
    ingest_ = std::make_unique<IngestDesk>(
        db_.get(), plugins_.get(),
        IngestDesk::Desks{.referrals = referrals_.get(),
                          .handoffs = handoffs_.get(),
                          .placement = placement_.get(),
                          .inquiries = inquiries_.get()},
        IngestDesk::Options{});
    renderer_ = std::make_unique<OutboundRenderer>(
        plugins_.get(), referrals_.get(), handoffs_.get(),
        rosa::plugin::v1::Contact());
  }

  void TearDown() override {
    drop_.reset();
    renderer_.reset();
    ingest_.reset();
    inquiries_.reset();
    handoffs_.reset();
    consents_.reset();
    persons_.reset();
    referrals_.reset();
    placement_.reset();
    db_.reset();
  }

  // Starts (or restarts) the file drop.
  void StartDrop() {
    drop_.reset();
    drop_ = std::make_unique<FileDrop>(
        &registry_, ingest_.get(), renderer_.get(), db_.get(), content_.get(),
        FileDrop::Options{.root = Exchange(),
                          .poll_interval = poll_interval_,
                          .sweep_interval = absl::ZeroDuration(),
                          .exchange_files = &exchange_files_,
                          .clock = &clock_,
                          .notifier = &notifier_});
    absl::Status started = drop_->Start();
    ASSERT_TRUE(started.ok()) << started;
  }

  fs::path Exchange() const { return dir_.File("exchange"); }
  fs::path Folder(const std::string& partner, const char* name) const {
    return Exchange() / partner / name;
  }
  const Partner& P(const std::string& id) { return *registry_.Find(id); }
  std::string NextKey() { return absl::StrCat("key-", ++keys_); }

  // Registers a person named `given_name` with a consent for `partner` and
  // `purpose`; returns the person id and sets `consent_id`.
  std::string RegisterWithConsent(const std::string& given_name,
                                  const std::string& partner,
                                  v1::ConsentPurpose purpose,
                                  std::string* consent_id) {
    v1::RegisterPersonRequest r;
    r.set_idempotency_key(NextKey());
    r.mutable_identity()->set_given_name(given_name);
    r.mutable_identity()->set_family_name("Testescu");
    r.mutable_profile()->set_gender(v1::GENDER_WOMAN);
    r.mutable_profile()->set_birth_year(1994);
    r.mutable_profile()->set_nationality("RO");
    *r.mutable_registration_consent_given_at() =
        ToProtoTime(clock_.Now() - absl::Hours(1));
    auto person = Await<v1::Person>([&](auto done) {
      persons_->Register(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(person.ok()) << person.status();
    v1::GiveConsentRequest give;
    give.set_idempotency_key(NextKey());
    give.set_person_id(person->id());
    give.mutable_scope()->set_partner_id(partner);
    give.set_purpose(purpose);
    auto consent = Await<v1::Consent>([&](auto done) {
      consents_->Give(P("rosa"), give, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(consent.ok()) << consent.status();
    *consent_id = consent.ok() ? consent->id() : "";
    return person.ok() ? person->id() : "";
  }

  // ROSA refers the person to IOM for assisted return.
  void ReferToIom(const std::string& person_id) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient("iom");
    r.set_type(v1::REFERRAL_TYPE_ASSISTED_RETURN);
    r.set_person_ref(person_id);
    r.mutable_facts()->set_gender(v1::GENDER_WOMAN);
    r.mutable_facts()->set_age(31);
    r.mutable_facts()->set_nationality("RO");
    r.mutable_facts()->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.mutable_facts()->add_languages("ro");
    auto submitted = Await<v1::SubmitReferralResponse>([&](auto done) {
      referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    ASSERT_TRUE(submitted.ok()) << submitted.status();
  }

  absl::Status Erase(const std::string& person_id) {
    v1::ErasePersonRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(person_id);
    return Await<v1::ErasePersonResponse>([&](auto done) {
             persons_->Erase(P("rosa"), r, absl::InfiniteFuture(), done);
           })
        .status();
  }

  absl::Status Withdraw(const std::string& consent_id) {
    v1::WithdrawConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_consent_id(consent_id);
    return Await<v1::Consent>([&](auto done) {
             consents_->Withdraw(P("rosa"), r, absl::InfiniteFuture(), done);
           })
        .status();
  }

  // The recorded exchange files.
  std::vector<ExchangeFile> Recorded() {
    std::vector<ExchangeFile> files;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto listed = ExchangeFiles::List(conn);
                      if (listed.ok()) files = std::move(*listed);
                      return listed.status();
                    })
                    .ok());
    return files;
  }

  testutil::TempDir dir_;
  testutil::FixedClock clock_{absl::FromCivil(
      absl::CivilSecond(2026, 12, 1, 12, 0, 0), absl::UTCTimeZone())};
  PartnerRegistry registry_;
  EventNotifier notifier_;
  // How long the file drop waits between looks when nothing wakes it.
  absl::Duration poll_interval_ = absl::Milliseconds(20);
  std::unique_ptr<PluginHost> plugins_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<ReferralEventContent> content_;
  ExchangeFiles exchange_files_;
  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  std::unique_ptr<HandoffDesk> handoffs_;
  std::unique_ptr<InquiryDesk> inquiries_;
  std::unique_ptr<IngestDesk> ingest_;
  std::unique_ptr<OutboundRenderer> renderer_;
  std::unique_ptr<FileDrop> drop_;
  int keys_ = 0;
};

}  // namespace rosa::testing_file_drop

#endif  // ROSA_TESTS_ADAPTERS_FILE_DROP_FILE_DROP_FIXTURE_H_
