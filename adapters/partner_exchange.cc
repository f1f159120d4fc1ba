#include "adapters/partner_exchange.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace pv1 = rosa::plugin::v1;

absl::Status CheckPartnersHavePlugins(const PartnerRegistry& registry,
                                      const PluginHost& plugins) {
  for (const Partner* p : registry.All()) {
    if (!p->enabled || p->plugin.empty()) continue;
    std::shared_ptr<const LoadedPlugin> plugin = plugins.Find(p->plugin);
    if (plugin == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("partner ", p->id, " speaks through plugin ", p->plugin,
                       ", which is not in the plugin folder"));
    }
    const auto& serves = plugin->manifest().serves();
    if (std::find(serves.begin(), serves.end(), p->kind) == serves.end()) {
      return absl::FailedPreconditionError(
          absl::StrCat("partner ", p->id, " is a ", PartnerKindName(p->kind),
                       ", which plugin ", p->plugin, " does not serve"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<PartnerExchange>> PartnerExchange::Create(
    ExchangeOptions options, const PartnerRegistry* registry,
    store::Database* db, const EventContent* texts, EventNotifier* notifier,
    PartnerGate* gate, IngestDesk::Desks desks) {
  std::unique_ptr<PartnerExchange> x(new PartnerExchange());
  x->plugins_ = std::move(options.plugins);
  if (!x->plugins_->options().plugin_dir.empty()) {
    if (absl::Status s = x->plugins_->LoadAll(); !s.ok()) return s;
  }
  if (absl::Status s = CheckPartnersHavePlugins(*registry, *x->plugins_);
      !s.ok()) {
    return s;
  }
  for (const PluginHost::Entry& e : x->plugins_->List()) {
    spdlog::info(
        "plugins: {} {} loaded (sha256 {}) in a sandboxed worker; each "
        "partner gets workers of its own on its first call",
        e.plugin->name(), e.plugin->manifest().version(),
        e.plugin->file_sha256().substr(0, 16));
  }
  x->ingest_ = std::make_unique<IngestDesk>(
      db, x->plugins_.get(), desks,
      IngestDesk::Options{.max_payload_bytes = options.max_payload_bytes,
                          .max_records = options.max_payload_records,
                          .metrics = options.ingest_metrics,
                          .budget = options.ingest_budget});
  pv1::Contact contact;
  contact.set_organisation(options.contact_organisation);
  contact.set_phone(options.contact_phone);
  x->renderer_ = std::make_unique<OutboundRenderer>(
      x->plugins_.get(), desks.referrals, desks.handoffs, std::move(contact),
      options.ingest_metrics);
  x->gateway_ = std::make_unique<PartnerGatewayService>(
      registry, x->ingest_.get(), x->renderer_.get(), &db->readers(), texts,
      notifier, gate);
  x->admin_ = std::make_unique<PluginAdminService>(registry, x->plugins_.get());
  x->file_drop_ = std::make_unique<FileDrop>(
      registry, x->ingest_.get(), x->renderer_.get(), db, texts,
      FileDrop::Options{.root = options.exchange_dir,
                        .max_payload_bytes = options.max_payload_bytes,
                        .inbound_retention = options.inbound_retention,
                        .outbox_retention = options.outbox_retention,
                        .exchange_files = options.exchange_files,
                        .notifier = notifier});
  return x;
}

PartnerExchange::~PartnerExchange() { Stop(); }

void PartnerExchange::RegisterServices(grpc::ServerBuilder& builder) {
  builder.RegisterService(gateway_.get());
  builder.RegisterService(admin_.get());
}

absl::Status PartnerExchange::Start() { return file_drop_->Start(); }

void PartnerExchange::CloseStreams() { gateway_->CloseAllStreams(); }

void PartnerExchange::EndOpenStreams() { gateway_->EndOpenStreams(); }

void PartnerExchange::Stop() {
  if (file_drop_ != nullptr) file_drop_->Stop();
}

}  // namespace rosa
