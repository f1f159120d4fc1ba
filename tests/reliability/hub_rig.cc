#include "tests/reliability/hub_rig.h"

#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/audit/checkpoint_mark.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

Partner MakePartner(std::string id, PartnerKind kind, std::string plugin = "") {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.enabled = true;
  p.plugin = std::move(plugin);
  return p;
}

// A shelter running one facility of its own name, at `address`.
Partner MakeShelter(std::string id, std::string address, bool secret,
                    std::string plugin = "") {
  Partner p = MakePartner(id, v1::PARTNER_KIND_SHELTER, std::move(plugin));
  Facility f;
  f.id = p.id;
  f.name = p.id;
  f.region = "oslo";
  f.address = std::move(address);
  f.secret_address = secret;
  p.facilities.push_back(std::move(f));
  return p;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RigShared>> RigShared::Make(
    const std::filesystem::path& keys_dir) {
  auto shared = std::make_unique<RigShared>();
  auto registry = PartnerRegistry::FromPartners({
      MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
      MakeShelter(kSecretFacility, kSecretAddress, /*secret=*/true, "ks-csv"),
      MakeShelter(kPublicFacility, "Storgata 1, 3724 Skien", /*secret=*/false),
      MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN, "iom-avrr"),
      MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL, "advokat"),
  });
  if (!registry.ok()) return registry.status();
  shared->registry = std::move(*registry);
  shared->hasher = store::RequestHasher::Ephemeral();
  auto keks =
      crypto::KekStore::OpenOrCreate(crypto::KekStore::DefaultPath(keys_dir));
  if (!keks.ok()) return keks.status();
  shared->keks = std::move(*keks);
  shared->keys_dir = keys_dir;
  if (absl::Status s = shared->StartNewLog(); !s.ok()) return s;
  shared->plugin_dir = ROSA_PLUGIN_DIR;
  shared->plugins = std::make_unique<PluginHost>(
      PluginHost::Options::InProcess(shared->plugin_dir, keys_dir / "plugins"));
  if (absl::Status s = shared->plugins->LoadAll(); !s.ok()) return s;
  for (const Partner* p : shared->registry.All()) {
    if (!p->plugin.empty() && shared->plugins->Find(p->plugin) == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("no ", p->plugin, " plugin in " ROSA_PLUGIN_DIR));
    }
  }
  shared->plugin_admin =
      std::make_unique<PluginAdminDesk>(shared->plugins.get());
  return shared;
}

absl::Status RigShared::StartNewLog() {
  std::error_code ec;
  std::filesystem::remove(audit::CheckpointMarkPath(keys_dir), ec);
  if (ec) return absl::InternalError("cannot remove the checkpoint mark");
  auto opened = audit::AuditKeeper::Open(keys_dir);
  if (!opened.ok()) return opened.status();
  keeper = std::move(*opened);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<HubRig>> HubRig::Open(
    const std::filesystem::path& db_path, const std::string& vfs,
    RigShared* shared) {
  std::unique_ptr<HubRig> rig(new HubRig);
  rig->shared_ = shared;
  store::Database::Options options;
  options.path = db_path;
  options.vfs = vfs;
  options.request_hasher = shared->hasher;
  options.on_write_failure = [failure = rig->failure_](const absl::Status& s) {
    std::lock_guard<std::mutex> lock(failure->mu);
    if (failure->status.ok()) failure->status = s;
  };
  auto db = store::Database::Open(std::move(options));
  if (!db.ok()) return db.status();
  rig->db_ = std::move(*db);
  rig->outbox_ = std::make_unique<Outbox>(&rig->notifier_);
  rig->vault_ = std::make_unique<PersonVault>(shared->keks.get());
  rig->content_ = std::make_unique<ReferralEventContent>(&shared->registry,
                                                         &rig->vault_->texts());
  rig->persons_ = std::make_unique<PersonDesk>(
      &shared->registry, rig->db_.get(), rig->vault_.get(), &shared->clock,
      rig->outbox_.get());
  rig->consents_ = std::make_unique<ConsentDesk>(
      &shared->registry, rig->db_.get(), rig->outbox_.get(), &shared->clock);
  rig->placement_ = std::make_unique<PlacementDesk>(
      &shared->registry, rig->db_.get(), rig->outbox_.get(), &shared->clock,
      PlacementDesk::Options{});
  rig->referrals_ = std::make_unique<ReferralDesk>(
      &shared->registry, rig->db_.get(), rig->outbox_.get(), rig->vault_.get(),
      &shared->clock, rig->placement_.get());
  rig->handoffs_ = std::make_unique<HandoffDesk>(
      &shared->registry, rig->db_.get(), rig->outbox_.get(), rig->vault_.get(),
      &shared->clock);
  rig->inquiries_ = std::make_unique<InquiryDesk>(
      &shared->registry, rig->db_.get(), &shared->clock);
  rig->ingest_ = std::make_unique<IngestDesk>(
      rig->db_.get(), shared->plugins.get(),
      IngestDesk::Desks{.referrals = rig->referrals_.get(),
                        .handoffs = rig->handoffs_.get(),
                        .placement = rig->placement_.get(),
                        .inquiries = rig->inquiries_.get()},
      IngestDesk::Options{});
  rig->journal_ = std::make_unique<JournalDesk>(
      &shared->registry, rig->db_.get(), rig->vault_.get(), &shared->clock);
  rig->report_ = std::make_unique<ReportDesk>(&shared->registry, rig->db_.get(),
                                              &shared->clock);
  rig->audit_ = std::make_unique<audit::AuditDesk>(&rig->db_->readers(),
                                                   shared->keeper.get());
  rosa::plugin::v1::Contact contact;
  contact.set_organisation("ROSA");
  contact.set_phone("+47 22 33 11 60");
  rig->renderer_ = std::make_unique<OutboundRenderer>(
      shared->plugins.get(), rig->referrals_.get(), rig->handoffs_.get(),
      std::move(contact));
  return rig;
}

HubRig::~HubRig() {
  renderer_.reset();
  audit_.reset();
  report_.reset();
  journal_.reset();
  ingest_.reset();
  inquiries_.reset();
  handoffs_.reset();
  referrals_.reset();
  placement_.reset();
  consents_.reset();
  persons_.reset();
  db_.reset();
}

absl::Status HubRig::write_failure() const {
  std::lock_guard<std::mutex> lock(failure_->mu);
  return failure_->status;
}

}  // namespace rosa::reliability
