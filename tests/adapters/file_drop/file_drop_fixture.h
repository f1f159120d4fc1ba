// A test fixture for the file drop on the real core path, on the shared
// kit (tests/testutil/hub_desks.h): the real plugin libraries, the desks on
// a real SQLite store and key file in a fresh temporary directory, the test
// registry with IOM and the lawyer also on file drop, a FixedClock, and a
// FileDrop that polls every 20 ms and sweeps on every round. Header-only;
// shared by the file drop tests. Thread-safety: one fixture per test; the
// file drop runs on its own thread.
#ifndef ROSA_TESTS_ADAPTERS_FILE_DROP_FILE_DROP_FIXTURE_H_
#define ROSA_TESTS_ADAPTERS_FILE_DROP_FILE_DROP_FIXTURE_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/civil_time.h"
#include "adapters/file_drop/file_drop.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/common/private_file.h"
#include "hub/consent/exchange_files.h"
#include "hub/exchange/outbound_renderer.h"
#include "tests/testutil/hub_desks.h"

namespace rosa::testing_file_drop {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;

using testutil::Await;

// Polls `done` every 10 ms for up to 10 s.
inline bool WaitFor(const std::function<bool()>& done) {
  const absl::Time until = absl::Now() + absl::Seconds(10);
  while (absl::Now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

class FileDropFixture : public testutil::HubDesks {
 protected:
  FileDropFixture() {
    clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 12, 0, 0),
                               absl::UTCTimeZone()));
  }

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
    UsePartners(std::move(partners));
    LoadPlugins(ROSA_PLUGIN_DIR);
    OpenStore();
    OpenDesks(&exchange_files_);
    renderer_ = std::make_unique<OutboundRenderer>(
        plugins_.get(), referrals_.get(), handoffs_.get(),
        rosa::plugin::v1::Contact());
  }

  void TearDown() override {
    drop_.reset();
    renderer_.reset();
    CloseDesks();
    CloseStore();
  }

  // Starts (or restarts) the file drop; `texts` (default: the hub's) puts
  // sealed text back into the events it reads.
  void StartDrop(const EventContent* texts = nullptr) {
    drop_.reset();
    drop_ = std::make_unique<FileDrop>(
        &registry_, ingest_.get(), renderer_.get(), db_.get(),
        texts != nullptr ? texts : content_.get(),
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
    auto person = Register(r);
    EXPECT_TRUE(person.ok()) << person.status();
    *consent_id = GiveConsent(person->id(), partner, purpose);
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

  // How long the file drop waits between looks when nothing wakes it.
  absl::Duration poll_interval_ = absl::Milliseconds(20);
  std::unique_ptr<OutboundRenderer> renderer_;
  std::unique_ptr<FileDrop> drop_;
};

}  // namespace rosa::testing_file_drop

#endif  // ROSA_TESTS_ADAPTERS_FILE_DROP_FILE_DROP_FIXTURE_H_
