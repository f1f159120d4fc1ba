#include "tests/testutil/hub_kit.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/audit/store_clock_floor.h"
#include "hub/crypto/hmac_key_file.h"
#include "hub/store/idempotency.h"

namespace rosa::testutil {

Partner MakePartner(std::string id, PartnerKind kind, bool enabled) {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.enabled = enabled;
  return p;
}

Partner MakePartner(std::string id, PartnerKind kind,
                    std::vector<Facility> facilities,
                    std::vector<v1::Gender> admits, bool enabled) {
  Partner p = MakePartner(std::move(id), kind, enabled);
  p.facilities = std::move(facilities);
  p.admits_genders = std::move(admits);
  return p;
}

HubKit::~HubKit() { CloseStore(); }

void HubKit::UsePartners(std::vector<Partner> partners) {
  auto registry = PartnerRegistry::FromPartners(std::move(partners));
  ASSERT_TRUE(registry.ok()) << registry.status();
  registry_ = std::move(*registry);
}

void HubKit::OpenStore() {
  auto keks = crypto::KekStore::OpenOrCreate(kek_path());
  ASSERT_TRUE(keks.ok()) << keks.status();
  keks_ = std::move(*keks);
  auto request_key =
      crypto::LoadOrCreateHmacKey(crypto::RequestHmacKeyPath(dir_.path()));
  ASSERT_TRUE(request_key.ok()) << request_key.status();
  store::Database::Options options;
  options.path = db_path();
  options.request_hasher =
      std::make_shared<const store::RequestHasher>(*std::move(request_key));
  if (MarkedClock() != nullptr) {
    options.before_commit = audit::ClockMarkHook(MarkedClock());
  }
  auto db = store::Database::Open(std::move(options));
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = std::move(*db);
  outbox_ = std::make_unique<Outbox>(&notifier_);
  vault_ = std::make_unique<PersonVault>(keks_.get());
  content_ =
      std::make_unique<ReferralEventContent>(&registry_, &vault_->texts());
}

void HubKit::CloseStore() {
  consents_.reset();
  persons_.reset();
  content_.reset();
  vault_.reset();
  outbox_.reset();
  db_.reset();
  keks_.reset();
}

void HubKit::OpenPersonDesks(ExchangeFiles* exchange_files) {
  persons_ =
      std::make_unique<PersonDesk>(&registry_, db_.get(), vault_.get(), &clock_,
                                   outbox_.get(), exchange_files);
  consents_ = std::make_unique<ConsentDesk>(
      &registry_, db_.get(), outbox_.get(), &clock_, exchange_files);
}

v1::RegisterPersonRequest HubKit::PersonRequest(const std::string& given_name,
                                                const std::string& family_name,
                                                int birth_year) {
  v1::RegisterPersonRequest r;
  r.set_idempotency_key(NextKey());
  v1::PersonIdentity* id = r.mutable_identity();
  id->set_given_name(given_name);
  id->set_family_name(family_name);
  id->set_birth_date(absl::StrCat(birth_year, "-03-07"));
  v1::PersonProfile* profile = r.mutable_profile();
  profile->set_gender(v1::GENDER_WOMAN);
  profile->set_birth_year(birth_year);
  profile->set_nationality("RO");
  profile->add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
  profile->set_residence_status(v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
  *r.mutable_registration_consent_given_at() =
      ToProtoTime(clock_.Now() - absl::Hours(1));
  return r;
}

absl::StatusOr<v1::Person> HubKit::Register(const v1::RegisterPersonRequest& r,
                                            const std::string& caller) {
  return Await<v1::Person>([&](auto done) {
    persons_->Register(P(caller), r, absl::InfiniteFuture(), done);
  });
}

absl::StatusOr<v1::ErasePersonResponse> HubKit::Erase(
    const std::string& person_id, const std::string& caller) {
  v1::ErasePersonRequest r;
  r.set_idempotency_key(NextKey());
  r.set_person_id(person_id);
  return Await<v1::ErasePersonResponse>([&](auto done) {
    persons_->Erase(P(caller), r, absl::InfiniteFuture(), done);
  });
}

std::string HubKit::GiveConsent(const std::string& person_id,
                                const std::string& partner,
                                v1::ConsentPurpose purpose,
                                v1::PartnerKind kind) {
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

void HubKit::WithdrawConsent(const std::string& consent_id) {
  v1::WithdrawConsentRequest r;
  r.set_idempotency_key(NextKey());
  r.set_consent_id(consent_id);
  auto consent = Await<v1::Consent>([&](auto done) {
    consents_->Withdraw(P("rosa"), r, absl::InfiniteFuture(), done);
  });
  EXPECT_TRUE(consent.ok()) << consent.status();
}

const Partner& HubKit::P(const std::string& id) const {
  const Partner* p = registry_.Find(id);
  EXPECT_NE(p, nullptr) << id;
  return *p;
}

std::string HubKit::NextKey() { return absl::StrCat(key_prefix_, ++keys_); }

namespace {

// Sealed texts that open to nothing: events read as stored.
class NoTexts final : public SealedTexts {
 public:
  absl::StatusOr<std::string> Open(store::Connection&, const std::string&,
                                   const std::string&) const override {
    return std::string();
  }
};

}  // namespace

std::vector<v1::Event> HubKit::Events(const std::string& partner) {
  const NoTexts no_texts;
  const ReferralEventContent as_stored(&registry_, &no_texts);
  std::vector<v1::Event> events;
  const absl::Status s =
      db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto read = Outbox::Read(conn, partner, 0, 10000, &as_stored);
        if (!read.ok()) return read.status();
        events = std::move(*read);
        return absl::OkStatus();
      });
  EXPECT_TRUE(s.ok()) << s;
  return events;
}

std::vector<v1::Event> HubKit::Delivered(const std::string& partner) {
  std::vector<v1::Event> events;
  const absl::Status s =
      db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto read = Outbox::Read(conn, partner, 0, 10000, content_.get());
        if (!read.ok()) return read.status();
        events = std::move(*read);
        return absl::OkStatus();
      });
  EXPECT_TRUE(s.ok()) << s;
  return events;
}

std::vector<v1::AuditEntry> HubKit::AuditEntries() {
  std::vector<v1::AuditEntry> entries;
  const absl::Status s =
      db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto read = audit::ReadAuditEntries(conn, 0, 100000);
        if (!read.ok()) return read.status();
        entries = std::move(*read);
        return absl::OkStatus();
      });
  EXPECT_TRUE(s.ok()) << s;
  return entries;
}

std::vector<std::string> HubKit::Query(const std::string& sql,
                                       const std::string& arg) {
  std::vector<std::string> out;
  const absl::Status s =
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

absl::Status HubKit::Write(const std::string& sql) {
  return db_->writer().SubmitAndWait(
      [&](store::WriteTxn& txn) { return txn.conn().Exec(sql); });
}

}  // namespace rosa::testutil
