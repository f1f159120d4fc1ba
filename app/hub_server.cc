#include "app/hub_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "app/start_upgrades.h"
#include "hub/audit/store_clock_floor.h"
#include "hub/common/listen_address.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/hmac_key_file.h"
#include "hub/outbox/outbox.h"
#include "hub/person/key_guard.h"
#include "hub/pki/dev_pki.h"
#include "hub/plugin_host/load_sandbox.h"
#include "hub/server/certificate_gate.h"
#include "hub/store/database_file.h"
#include "hub/store/idempotency.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

absl::Status PrepareDevPki(const pki::PkiPaths& paths,
                           const PartnerRegistry& registry) {
  RETURN_IF_ERROR(pki::InitCa(paths));
  for (const Partner* partner : registry.All()) {
    RETURN_IF_ERROR(pki::EnsurePartnerCertificate(paths, partner->id));
  }
  return absl::OkStatus();
}

// Every call passes `gate` (the PartnerGate) before any handler runs.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsCredentials(
    const pki::PkiPaths& paths,
    std::shared_ptr<grpc::AuthMetadataProcessor> gate) {
  // The CA key does not belong on the hub's machine (README); if it is
  // here anyway, it gets the owner and mode checks of every private key.
  std::error_code ec;
  if (std::filesystem::exists(paths.ca_key(), ec)) {
    RETURN_IF_ERROR(CheckPrivateFile(paths.ca_key()));
  }
  ASSIGN_OR_RETURN(std::string ca, pki::ReadFile(paths.ca_cert()));
  ASSIGN_OR_RETURN(std::string cert, pki::ReadFile(paths.server_cert()));
  ASSIGN_OR_RETURN(std::string key, ReadPrivateFile(paths.server_key()));
  grpc::SslServerCredentialsOptions options(
      // gRPC asks for no client certificate unless told; every partner must
      // present one signed by the partner CA.
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = std::move(ca);
  options.pem_key_cert_pairs.push_back({std::move(key), std::move(cert)});
  std::shared_ptr<grpc::ServerCredentials> credentials =
      grpc::SslServerCredentials(options);
  credentials->SetAuthMetadataProcessor(std::move(gate));
  return credentials;
}

// Keepalive that lets idle Watch streams live for days: the server pings
// idle connections to find dead peers, and accepts client pings every
// 10 s or more, even without calls, instead of answering with GOAWAY.
void SetKeepalive(grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10 * 1000);
}

}  // namespace

absl::StatusOr<std::unique_ptr<HubServer>> HubServer::Start(
    HubOptions options) {
  std::unique_ptr<HubServer> hub(new HubServer);
  hub->options_ = std::move(options);
  RETURN_IF_ERROR(hub->Build());
  return hub;
}

absl::Status HubServer::Build() {
  ASSIGN_OR_RETURN(registry_,
                   PartnerRegistry::LoadFile(options_.partners_file));
  if (!options_.metrics_listen.empty()) {
    // A bad address stops the start before anything is opened.
    std::string host;
    int port = 0;
    RETURN_IF_ERROR(
        ParseLoopbackAddress(options_.metrics_listen, &host, &port));
  }
  if (!options_.console_listen.empty()) {
    std::string host;
    int port = 0;
    RETURN_IF_ERROR(ParseListenAddress("console address",
                                       options_.console_listen, &host, &port));
  }
  hub_metrics_ = std::make_unique<HubMetrics>(&metrics_);
  rpc_observer_ = std::make_unique<RpcObserver>(&metrics_, &registry_);
  ingest_metrics_ = std::make_unique<IngestMetrics>(&metrics_);
  std::error_code ec;
  std::filesystem::create_directories(options_.data_dir, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat("cannot create data directory ",
                                               options_.data_dir.string()));
  }
  ::chmod(options_.data_dir.c_str(), 0700);
  // The plugins' copies are staged (hashed) while the keys and the store
  // open; PartnerExchange::Create starts their workers and waits for them.
  auto plugins = std::make_unique<PluginHost>(PluginHost::Options::InWorkers(
      options_.plugin_dir, options_.data_dir / "plugins-loaded",
      options_.plugin_workers));
  if (!options_.plugin_dir.empty()) {
    plugins->StartLoading();
    if (LandlockAbi() == 0) {
      spdlog::warn(
          "plugins: the kernel has no Landlock, so a plugin file's own code "
          "(its constructors) runs able to open what the hub's user can "
          "(README, \"Plugin isolation\")");
    }
  }
  const pki::PkiPaths paths{options_.data_dir / "pki"};
  if (options_.dev_pki) RETURN_IF_ERROR(PrepareDevPki(paths, registry_));
  // Without --dev-pki the hub never makes a PKI: say what is missing.
  if (!std::filesystem::exists(paths.ca_cert(), ec)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no PKI: ", paths.ca_cert().string(),
        " is missing; put ca.pem, hub.pem and hub.key there (README, "
        "\"Production PKI\"), or pass --dev-pki for development"));
  }
  ASSIGN_OR_RETURN(revocations_, pki::RevocationList::Open(
                                     paths.revoked(), &clock_, absl::Seconds(1),
                                     [this] { EndOpenStreams(); }));
  gate_ = std::make_unique<PartnerGate>(
      &registry_, &clock_, options_.limits.partner, revocations_.get());
  // Every call, to every service (health and reflection too), passes the
  // gate before any handler runs.
  ASSIGN_OR_RETURN(auto credentials,
                   TlsCredentials(paths, gate_->MetadataProcessor()));

  const std::filesystem::path kek_path =
      crypto::KekStore::DefaultPath(options_.data_dir);
  ASSIGN_OR_RETURN(keys_lock_, KeysLock::Acquire(kek_path.parent_path()));
  RETURN_IF_ERROR(
      CheckKeyFileNotLost(store::DatabasePath(options_.data_dir), kek_path));
  ASSIGN_OR_RETURN(keks_, crypto::KekStore::OpenOrCreate(kek_path));
  RETURN_IF_ERROR(
      CheckKeksCoverDatabase(store::DatabasePath(options_.data_dir), *keks_));
  ASSIGN_OR_RETURN(crypto::SecretKey request_key,
                   crypto::LoadOrCreateHmacKey(
                       crypto::RequestHmacKeyPath(options_.data_dir)));
  auto request_hasher =
      std::make_shared<const store::RequestHasher>(std::move(request_key));
  // After the keys lock: one process creates the signing key.
  ASSIGN_OR_RETURN(audit_keeper_,
                   audit::AuditKeeper::Open(options_.data_dir, &clock_));

  ASSIGN_OR_RETURN(
      db_,
      store::Database::Open(store::Database::Options{
          .path = store::DatabasePath(options_.data_dir),
          .on_write_failure =
              [this](const absl::Status& cause) {
                spdlog::critical(
                    "store write failed, refusing all writes until "
                    "restart: {}",
                    cause.ToString());
                if (server_ != nullptr) {
                  server_->GetHealthCheckService()->SetServingStatus(false);
                }
              },
          .on_commit =
              [metrics = hub_metrics_.get()](size_t batch,
                                             absl::Duration commit) {
                metrics->OnCommit(batch, commit);
              },
          // The clock mark: the latest time the desks stamped, in every
          // commit, for the floor at the next start.
          .before_commit = audit::ClockMarkHook(&clock_),
          .request_hasher = request_hasher,
          .vfs = {}}));
  // Never on a log that lost what this hub last signed (audit_keeper.h).
  if (absl::Status kept =
          db_->readers().RunAndWait([this](store::Connection& conn) {
            return audit_keeper_->CheckLog(conn);
          });
      !kept.ok()) {
    return absl::Status(
        kept.code(),
        absl::StrCat("the hub does not start: ", kept.message(),
                     ". Compare the log with the checkpoints kept outside "
                     "(`rosa-hub audit verify`; README, \"The audit log\")"));
  }
  if (!audit_keeper_->last_signed().has_value()) {
    spdlog::info(
        "audit: no checkpoint signed yet (no audit-checkpoint.last), so "
        "nothing bounds the log from below until the first one");
  }
  {
    // Never earlier than what is stored, even when the wall clock is behind
    // it (hub_clock.h): before any desk stamps a time.
    ASSIGN_OR_RETURN(const absl::Time latest,
                     audit::RaiseClockToStore(*db_, clock_));
    if (latest > wall_clock_.Now()) {
      spdlog::warn(
          "the wall clock is {} behind the latest time stored; the hub's "
          "clock starts there and catches up at half speed",
          absl::FormatDuration(latest - wall_clock_.Now()));
    }
  }
  outbox_ = std::make_unique<Outbox>(&notifier_);
  vault_ = std::make_unique<PersonVault>(keks_.get());
  event_content_ =
      std::make_unique<ReferralEventContent>(&registry_, &vault_->texts());
  RETURN_IF_ERROR(RunStartUpgrades(*db_, *request_hasher, vault_->texts()));
  placement_desk_ = std::make_unique<PlacementDesk>(
      &registry_, db_.get(), outbox_.get(), &clock_,
      PlacementDesk::Options{
          .freshness = options_.availability_freshness,
          .hold_ttl = options_.hold_ttl,
          .max_units_per_facility = options_.max_units_per_facility});
  placement_service_ =
      std::make_unique<PlacementService>(&registry_, placement_desk_.get());
  referral_desk_ = std::make_unique<ReferralDesk>(
      &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_,
      placement_desk_.get());
  referral_service_ =
      std::make_unique<ReferralService>(&registry_, referral_desk_.get());
  event_service_ = std::make_unique<EventService>(&registry_, &db_->readers(),
                                                  event_content_.get(),
                                                  &notifier_, gate_.get());
  person_desk_ =
      std::make_unique<PersonDesk>(&registry_, db_.get(), vault_.get(), &clock_,
                                   outbox_.get(), &exchange_files_);
  consent_desk_ = std::make_unique<ConsentDesk>(
      &registry_, db_.get(), outbox_.get(), &clock_, &exchange_files_);
  person_service_ =
      std::make_unique<PersonService>(&registry_, person_desk_.get());
  consent_service_ =
      std::make_unique<ConsentService>(&registry_, consent_desk_.get());
  handoff_desk_ = std::make_unique<HandoffDesk>(
      &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_);
  handoff_service_ =
      std::make_unique<HandoffService>(&registry_, handoff_desk_.get());
  inquiry_desk_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
  inquiry_service_ =
      std::make_unique<InquiryService>(&registry_, inquiry_desk_.get());
  journal_desk_ = std::make_unique<JournalDesk>(&registry_, db_.get(),
                                                vault_.get(), &clock_);
  journal_service_ =
      std::make_unique<JournalService>(&registry_, journal_desk_.get());
  report_desk_ = std::make_unique<ReportDesk>(&registry_, db_.get(), &clock_);
  report_service_ =
      std::make_unique<ReportService>(&registry_, report_desk_.get());
  audit_service_ = std::make_unique<AuditService>(&registry_, &db_->readers(),
                                                  audit_keeper_.get());

  ASSIGN_OR_RETURN(
      exchange_,
      PartnerExchange::Create(
          ExchangeOptions{
              .plugins = std::move(plugins),
              .exchange_dir = options_.exchange_dir.empty()
                                  ? options_.data_dir / "exchange"
                                  : options_.exchange_dir,
              .max_payload_bytes = options_.max_payload_bytes,
              .inbound_retention = options_.exchange_inbound_retention,
              .outbox_retention = options_.exchange_outbox_retention,
              .exchange_files = &exchange_files_,
              .max_payload_records = options_.max_payload_records,
              .ingest_metrics = ingest_metrics_.get(),
              .ingest_budget = options_.ingest_budget},
          &registry_, db_.get(), event_content_.get(), &notifier_, gate_.get(),
          IngestDesk::Desks{.referrals = referral_desk_.get(),
                            .handoffs = handoff_desk_.get(),
                            .placement = placement_desk_.get(),
                            .inquiries = inquiry_desk_.get(),
                            .journal = journal_desk_.get()}));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen, credentials, &port_);
  builder.SetMaxReceiveMessageSize(options_.max_receive_bytes);
  SetKeepalive(builder);
  ApplyServerLimits(options_.limits, builder);
  {
    std::vector<
        std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(rpc_observer_->InterceptorFactory());
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  builder.RegisterService(referral_service_.get());
  builder.RegisterService(placement_service_.get());
  builder.RegisterService(event_service_.get());
  builder.RegisterService(person_service_.get());
  builder.RegisterService(consent_service_.get());
  builder.RegisterService(audit_service_.get());
  builder.RegisterService(handoff_service_.get());
  builder.RegisterService(inquiry_service_.get());
  builder.RegisterService(journal_service_.get());
  builder.RegisterService(report_service_.get());
  exchange_->RegisterServices(builder);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options_.listen));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  RETURN_IF_ERROR(exchange_->Start());
  retention_thread_ = std::thread([this] { RetentionLoop(); });
  hub_metrics_->Attach(
      HubMetrics::Sources{.db = db_.get(),
                          .gate = gate_.get(),
                          .partners = &registry_,
                          .deliveries = &notifier_.deliveries(),
                          .pki = paths,
                          .data_dir = options_.data_dir,
                          .clock = &clock_});
  if (!options_.metrics_listen.empty()) {
    ASSIGN_OR_RETURN(
        metrics_endpoint_,
        MetricsEndpoint::Start(options_.metrics_listen, &metrics_));
    spdlog::info(
        "metrics on http://{}:{}/metrics",
        options_.metrics_listen.substr(0, options_.metrics_listen.rfind(':')),
        metrics_endpoint_->port());
  }
  if (!options_.console_listen.empty()) {
    ASSIGN_OR_RETURN(
        console_, console::ConsoleServer::Start(
                      console::ConsoleOptions{.listen = options_.console_listen,
                                              .cert = paths.server_cert(),
                                              .key = paths.server_key(),
                                              .settings = options_.console,
                                              .sessions = {},
                                              .users = {}},
                      console::ConsoleHub{.registry = &registry_,
                                          .db = db_.get(),
                                          .secrets = &vault_->texts(),
                                          .clock = &clock_,
                                          .notifier = &notifier_,
                                          .placement = placement_desk_.get(),
                                          .referrals = referral_desk_.get(),
                                          .inquiries = inquiry_desk_.get(),
                                          .persons = person_desk_.get(),
                                          .consents = consent_desk_.get(),
                                          .journal = journal_desk_.get(),
                                          .handoffs = handoff_desk_.get(),
                                          .reports = report_desk_.get(),
                                          .audit = audit_keeper_.get()}));
    spdlog::info(
        "web console on https://{}:{}/",
        options_.console_listen.substr(0, options_.console_listen.rfind(':')),
        console_->port());
  }
  spdlog::info("rosa-hub serving on port {} with {} partners", port_,
               registry_.All().size());
  return absl::OkStatus();
}

void HubServer::RetentionLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    const absl::Time before = clock_.Now() - options_.event_retention;
    absl::Status s =
        db_->writer().SubmitAndWait([before](store::WriteTxn& txn) {
          RETURN_IF_ERROR(Outbox::Prune(txn.conn(), before));
          return store::PruneIdempotency(txn.conn(), before);
        });
    if (!s.ok()) spdlog::warn("retention: {}", s.ToString());
    // Expired holds count as free anyway; marking them tells ROSA.
    s = db_->writer().SubmitAndWait([this](store::WriteTxn& txn) {
      return placement_desk_->ExpireHolds(txn);
    });
    if (!s.ok()) spdlog::warn("hold expiry: {}", s.ToString());
    lock.lock();
    cv_.wait_for(lock, absl::ToChronoSeconds(options_.retention_interval),
                 [this] { return stopping_; });
  }
}

void HubServer::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  spdlog::info("rosa-hub shutting down");
  // No scrape and no console page may reach the store while it stops.
  metrics_endpoint_.reset();
  console_.reset();
  if (server_ != nullptr) {
    server_->GetHealthCheckService()->SetServingStatus(false);
    event_service_->CloseAllStreams();
    if (exchange_ != nullptr) exchange_->CloseStreams();
    server_->Shutdown(
        absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
  }
  if (retention_thread_.joinable()) retention_thread_.join();
  if (exchange_ != nullptr) exchange_->Stop();
  // The store drains its queue (every acknowledged write is committed) and
  // stops when db_ is destroyed.
  db_.reset();
  spdlog::info("rosa-hub stopped");
}

void HubServer::EndOpenStreams() {
  // Only after Build, when every service exists: the revocation list calls
  // this from a gRPC call, Reload from the serve loop.
  spdlog::info("ending open event streams; partners reconnect");
  event_service_->EndOpenStreams();
  exchange_->EndOpenStreams();
}

absl::Status HubServer::Reload() {
  // Each is reloaded on its own: a registry change that needs a restart
  // must not keep a revocation out.
  absl::Status revoked = revocations_->Reload();
  if (revoked.ok()) {
    spdlog::info("reloaded the revocation list: {} certificates revoked",
                 revocations_->size());
  } else {
    spdlog::error("revocation list not reloaded: {}", revoked.ToString());
  }
  absl::StatusOr<PartnerRegistry> next =
      PartnerRegistry::LoadFile(options_.partners_file);
  absl::Status registry =
      next.ok() ? registry_.Reload(*std::move(next)) : next.status();
  if (registry.ok()) {
    // A partner disabled now must not keep a stream it opened before.
    EndOpenStreams();
    spdlog::info("reloaded the partner registry: {} partners",
                 registry_.All().size());
  } else {
    spdlog::error("partner registry not reloaded: {}", registry.ToString());
  }
  return !revoked.ok() ? revoked : registry;
}

HubServer::~HubServer() { Shutdown(); }

}  // namespace rosa
