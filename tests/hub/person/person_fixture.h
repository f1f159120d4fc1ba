// A test fixture for the person and consent desks on a real SQLite store
// and a real key file in a fresh temporary directory (laid out like a data
// directory: rosa-hub.db, keys/kek), with a fixed clock and an in-memory
// partner registry. Header-only; shared by tests/hub/person and
// tests/hub/consent.
#ifndef ROSA_TESTS_HUB_PERSON_PERSON_FIXTURE_H_
#define ROSA_TESTS_HUB_PERSON_PERSON_FIXTURE_H_

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_log.h"
#include "hub/consent/consent_book.h"
#include "hub/consent/consent_desk.h"
#include "hub/consent/exchange_files.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/outbox.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testing_person {

namespace v1 = rosa::hub::v1;

class FixedClock final : public Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 29, 10, 0, 0),
                                   absl::UTCTimeZone());
};

inline Partner MakePartner(std::string id, PartnerKind kind) {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.enabled = true;
  return p;
}

// Runs a desk call and waits for its answer.
template <typename T, typename Call>
absl::StatusOr<T> Await(Call call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

// The whole of a file's bytes ("" if it does not exist).
inline std::string FileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class PersonFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto registry = PartnerRegistry::FromPartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
        MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("advokat-berg", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
    });
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    OpenHub();
  }

  void TearDown() override { CloseHub(); }

  void OpenHub() {
    auto keks = crypto::KekStore::OpenOrCreate(kek_path());
    ASSERT_TRUE(keks.ok()) << keks.status();
    keks_ = std::move(*keks);
    store::Database::Options options;
    options.path = db_path();
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    outbox_ = std::make_unique<Outbox>(&notifier_);
    vault_ = std::make_unique<PersonVault>(keks_.get());
    persons_ = std::make_unique<PersonDesk>(db_.get(), vault_.get(), &clock_,
                                            outbox_.get(), &exchange_files_);
    consents_ = std::make_unique<ConsentDesk>(
        &registry_, db_.get(), outbox_.get(), &clock_, &exchange_files_);
  }

  void CloseHub() {
    consents_.reset();
    persons_.reset();
    vault_.reset();
    outbox_.reset();
    db_.reset();
    keks_.reset();
  }

  std::filesystem::path db_path() const { return dir_.File("rosa-hub.db"); }
  std::filesystem::path wal_path() const {
    return dir_.File("rosa-hub.db-wal");
  }
  std::filesystem::path kek_path() const {
    return crypto::KekStore::DefaultPath(dir_.path());
  }
  const Partner& P(const std::string& id) { return *registry_.Find(id); }
  std::string NextKey() { return absl::StrCat("key-", ++keys_); }

  v1::RegisterPersonRequest NewPerson(const std::string& given_name) {
    v1::RegisterPersonRequest r;
    r.set_idempotency_key(NextKey());
    v1::PersonIdentity* id = r.mutable_identity();
    id->set_given_name(given_name);
    id->set_family_name("Popescu-Zkx");
    id->set_birth_date("1994-03-07");
    id->set_duf_number("201912345678");
    id->set_phone("+4790012345");
    id->set_contact_address("Testveien 17, 0150 Oslo");
    v1::PersonProfile* p = r.mutable_profile();
    p->set_gender(v1::GENDER_WOMAN);
    p->set_birth_year(1994);
    p->set_nationality("RO");
    p->add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
    p->set_residence_status(v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
    *r.mutable_registration_consent_given_at() =
        ToProtoTime(clock_.now - absl::Hours(1));
    return r;
  }

  absl::StatusOr<v1::Person> Register(const v1::RegisterPersonRequest& r,
                                      const std::string& caller = "rosa") {
    return Await<v1::Person>([&](auto done) {
      persons_->Register(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  // Registers a fresh person and returns its id (fails the test if not).
  std::string RegisterNew(const std::string& given_name = "Ioana") {
    auto person = Register(NewPerson(given_name));
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? person->id() : "";
  }
  absl::StatusOr<v1::Person> Read(
      const std::string& id, const std::string& caller = "rosa",
      v1::ConsentPurpose purpose = v1::CONSENT_PURPOSE_LEGAL_COUNSELLING) {
    v1::ReadPersonRequest r;
    r.set_person_id(id);
    r.set_purpose(purpose);
    return Await<v1::Person>([&](auto done) {
      persons_->Read(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::ErasePersonResponse> Erase(
      const std::string& id, const std::string& caller = "rosa") {
    v1::ErasePersonRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(id);
    return Await<v1::ErasePersonResponse>([&](auto done) {
      persons_->Erase(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::AccessExtract> Extract(
      const std::string& id, const std::string& caller = "rosa") {
    v1::GetAccessExtractRequest r;
    r.set_person_id(id);
    return Await<v1::AccessExtract>(
        [&](auto done) { persons_->GetAccessExtract(P(caller), r, done); });
  }

  // Every audit entry, in order.
  std::vector<v1::AuditEntry> AuditLog() {
    std::vector<v1::AuditEntry> entries;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto read = audit::ReadAuditEntries(conn, 0, 100000);
                      if (!read.ok()) return read.status();
                      entries = std::move(*read);
                      return absl::OkStatus();
                    })
                    .ok());
    return entries;
  }
  // "action object_id" of every audit entry, in order.
  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    for (const v1::AuditEntry& e : AuditLog()) {
      actions.push_back(absl::StrCat(e.action(), " ", e.object_id()));
    }
    return actions;
  }
  // The first column of every row of `sql` (with ?1 bound to `arg`), as
  // text or blob bytes.
  std::vector<std::string> Query(const std::string& sql,
                                 const std::string& arg = "") {
    std::vector<std::string> out;
    absl::Status s =
        db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
          auto stmt = conn.Prepare(sql);
          if (!stmt.ok()) return stmt.status();
          if (!arg.empty()) (*stmt)->Bind(1, arg);
          for (;;) {
            auto row = (*stmt)->Step();
            if (!row.ok()) return row.status();
            if (!*row) return absl::OkStatus();
            out.push_back((*stmt)->ColumnBlob(0));
          }
        });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }
  // Records that `partner` received `person`'s identity under `consent_id`.
  void DiscloseTo(const std::string& person, const std::string& partner,
                  const std::string& consent_id, const std::string& object_id) {
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) {
                      return RecordDisclosure(txn.conn(), person, partner,
                                              consent_id, object_id,
                                              clock_.now);
                    })
                    .ok());
  }
  // Every event in `partner`'s outbox.
  std::vector<v1::Event> Events(const std::string& partner) {
    std::vector<v1::Event> events;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto read = Outbox::Read(conn, partner, 0, 1000);
                      if (!read.ok()) return read.status();
                      events = std::move(*read);
                      return absl::OkStatus();
                    })
                    .ok());
    return events;
  }
  absl::Status Write(const std::string& sql) {
    return db_->writer().SubmitAndWait(
        [&](store::WriteTxn& txn) { return txn.conn().Exec(sql); });
  }

  testutil::TempDir dir_;
  FixedClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonVault> vault_;
  ExchangeFiles exchange_files_;
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  int keys_ = 0;
};

}  // namespace rosa::testing_person

#endif  // ROSA_TESTS_HUB_PERSON_PERSON_FIXTURE_H_
