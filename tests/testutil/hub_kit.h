// HubKit: the base fixture of the desk tests. It holds what every desk of
// the hub stands on, made as the hub makes it (app/hub_server.cc) in a
// fresh private temporary directory laid out like a data directory:
//   keys/kek           the key-encryption keys (crypto::KekStore)
//   keys/request-hmac  the request HMAC key the store hashes requests under
//   rosa-hub.db        the real SQLite store, schema applied
// plus a FixedClock, the test's partner registry, the event notifier, the
// outbox and the person vault (with its text vault); on request the person
// and consent desks, which most desks' tests need to register a person and
// give a consent. A fixture derives from HubKit, names its partners
// (UsePartners), opens the store (OpenStore) and builds the desks it tests
// on db_, outbox_, vault_, registry_ and clock_. The helpers read what the
// desks left: the outbox of a partner, the audit log, any query.
//
// Example:
//   class MyDeskTest : public rosa::testutil::HubKit {
//    protected:
//     void SetUp() override {
//       UsePartners({MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR)});
//       OpenStore();
//       desk_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
//     }
//     void TearDown() override { desk_.reset(); CloseStore(); }
//     std::unique_ptr<InquiryDesk> desk_;
//   };
//
// Thread-safety: one fixture per test, used by the test's thread; the
// desks call back on the store's threads, and Await blocks the test's
// thread until they do. The clock may be read from any thread.
#ifndef ROSA_TESTS_TESTUTIL_HUB_KIT_H_
#define ROSA_TESTS_TESTUTIL_HUB_KIT_H_

#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_log.h"
#include "hub/common/hub_clock.h"
#include "hub/consent/consent_desk.h"
#include "hub/consent/exchange_files.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "hub/referral/referral_event_content.h"
#include "hub/store/database.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testutil {

namespace v1 = rosa::hub::v1;

// A partner of a test registry: `id` is also its display name.
Partner MakePartner(std::string id, PartnerKind kind, bool enabled = true);
// A partner with places: its `facilities`, admitting `admits` (all genders
// when empty).
Partner MakePartner(std::string id, PartnerKind kind,
                    std::vector<Facility> facilities,
                    std::vector<v1::Gender> admits = {}, bool enabled = true);

// Runs a desk call, `call(done)`, and blocks until `done` has the answer.
template <typename T, typename Call>
absl::StatusOr<T> Await(Call call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

class HubKit : public ::testing::Test {
 protected:
  HubKit() = default;
  ~HubKit() override;

  // Makes registry_ of `partners` (fails the test if they are not valid).
  void UsePartners(std::vector<Partner> partners);

  // Opens the keys, the store, the outbox and the vault in dir_, as the hub
  // does on start; again after CloseStore as the hub does on a restart.
  void OpenStore();
  // Closes what OpenStore and OpenPersonDesks opened (every connection:
  // the WAL is checkpointed). REQUIRES: the fixture's own desks are gone.
  void CloseStore();
  // The clock whose latest time OpenStore's store keeps in its clock mark
  // with every commit, as the hub keeps its own (store_clock_floor.h; it
  // must outlive the store); none unless a test of the clock across
  // restarts names its desks' HubClock.
  virtual const HubClock* MarkedClock() const { return nullptr; }
  // Builds persons_ and consents_ on the store, with `exchange_files` (the
  // file drop's folders) when given. REQUIRES: OpenStore.
  void OpenPersonDesks(ExchangeFiles* exchange_files = nullptr);

  std::filesystem::path db_path() const { return dir_.File("rosa-hub.db"); }
  std::filesystem::path wal_path() const {
    return dir_.File("rosa-hub.db-wal");
  }
  std::filesystem::path kek_path() const {
    return crypto::KekStore::DefaultPath(dir_.path());
  }

  // The partner `id` of registry_. REQUIRES: it is there (else a test
  // failure, then a crash).
  const Partner& P(const std::string& id) const;
  // A fresh idempotency key: key_prefix_ and a counter.
  std::string NextKey();

  // A registration of an adult woman from Romania (sexual exploitation,
  // reflection period applied, registration consent an hour ago) named
  // `given_name` `family_name`, born `birth_year`-03-07, under NextKey().
  v1::RegisterPersonRequest PersonRequest(const std::string& given_name,
                                          const std::string& family_name,
                                          int birth_year);
  // persons_->Register by `caller`. REQUIRES: OpenPersonDesks.
  absl::StatusOr<v1::Person> Register(const v1::RegisterPersonRequest& r,
                                      const std::string& caller = "rosa");
  // persons_->Erase of `person_id` by `caller`, under NextKey().
  // REQUIRES: OpenPersonDesks.
  absl::StatusOr<v1::ErasePersonResponse> Erase(
      const std::string& person_id, const std::string& caller = "rosa");
  // ROSA records a consent to share identity with `partner` (an id, or a
  // kind if `kind` is set) for `purpose`; its id ("" and a test failure if
  // refused). REQUIRES: OpenPersonDesks.
  std::string GiveConsent(
      const std::string& person_id, const std::string& partner,
      v1::ConsentPurpose purpose = v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
      v1::PartnerKind kind = v1::PARTNER_KIND_UNSPECIFIED);
  // ROSA withdraws a consent (a test failure if refused).
  void WithdrawConsent(const std::string& consent_id);

  // Every event in `partner`'s outbox, in order, as stored: referral events
  // kept by reference are rebuilt, but no free text is put back.
  std::vector<v1::Event> Events(const std::string& partner);
  // Every event in `partner`'s outbox, in order, as a stream delivers it
  // (content_: free text put back, referral events rebuilt).
  std::vector<v1::Event> Delivered(const std::string& partner);
  // Every audit entry, in order.
  std::vector<v1::AuditEntry> AuditEntries();
  // The first column of every row of `sql` (with ?1 bound to `arg` unless
  // it is empty), as text or blob bytes.
  std::vector<std::string> Query(const std::string& sql,
                                 const std::string& arg = "");
  // Runs `sql` in one write transaction.
  absl::Status Write(const std::string& sql);

  TempDir dir_;  // Outlives the store.
  FixedClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonVault> vault_;
  // What Outbox::Read puts back (free text, referral events by reference).
  std::unique_ptr<ReferralEventContent> content_;
  ExchangeFiles exchange_files_;  // For OpenPersonDesks(&exchange_files_).
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  std::string key_prefix_ = "key-";
  int keys_ = 0;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_HUB_KIT_H_
