#include "tests/testutil/hub_kit.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/crypto/hmac_key_file.h"
#include "hub/store/idempotency.h"

namespace rosa::testutil {

namespace v1 = rosa::hub::v1;

Partner MakePartner(std::string id, PartnerKind kind, bool enabled) {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.enabled = enabled;
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
  auto db = store::Database::Open(std::move(options));
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = std::move(*db);
  outbox_ = std::make_unique<Outbox>(&notifier_);
  vault_ = std::make_unique<PersonVault>(keks_.get());
}

void HubKit::CloseStore() {
  vault_.reset();
  outbox_.reset();
  db_.reset();
  keks_.reset();
}

std::string HubKit::NextKey() { return absl::StrCat(key_prefix_, ++keys_); }

std::vector<v1::Event> HubKit::Events(const std::string& partner) {
  std::vector<v1::Event> events;
  const absl::Status s =
      db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto read = Outbox::Read(conn, partner, 0, 10000);
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
