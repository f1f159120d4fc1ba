// The assembled hub: store, partner registry, core desks and the gRPC
// server with mutual TLS, health, reflection and keepalive, plus the
// retention job that prunes old outbox events and idempotency records.
// Thread-safety: Start, then Shutdown once from any one thread; Reload may
// be called from any thread between them.
#ifndef ROSA_APP_HUB_SERVER_H_
#define ROSA_APP_HUB_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/console/console_server.h"
#include "adapters/metrics/metrics_endpoint.h"
#include "adapters/partner_exchange.h"
#include "hub/audit/audit_keeper.h"
#include "hub/common/clock.h"
#include "hub/common/hub_clock.h"
#include "hub/consent/consent_desk.h"
#include "hub/consent/exchange_files.h"
#include "hub/crypto/key_file.h"
#include "hub/exchange/ingest_metrics.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/metrics/registry.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/key_rotation.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "hub/pki/revocation_list.h"
#include "hub/placement/placement_desk.h"
#include "hub/plugin_host/worker_options.h"
#include "hub/referral/referral_desk.h"
#include "hub/referral/referral_event_content.h"
#include "hub/server/audit_service.h"
#include "hub/server/consent_service.h"
#include "hub/server/event_service.h"
#include "hub/server/handoff_service.h"
#include "hub/server/hub_metrics.h"
#include "hub/server/inquiry_service.h"
#include "hub/server/journal_service.h"
#include "hub/server/partner_gate.h"
#include "hub/server/person_service.h"
#include "hub/server/placement_service.h"
#include "hub/server/referral_service.h"
#include "hub/server/report_service.h"
#include "hub/server/rpc_observer.h"
#include "hub/server/server_limits.h"
#include "hub/store/database.h"

namespace rosa {

struct HubOptions {
  // host:port; port 0 picks a free one (see HubServer::port).
  std::string listen = "127.0.0.1:50051";
  // Holds pki/ and the database.
  std::filesystem::path data_dir = "var";
  std::filesystem::path partners_file = "deploy/dev/partners.json";
  // Create a development PKI under data_dir/pki on first run, and a client
  // certificate for every registered partner that has none.
  bool dev_pki = false;
  // How long outbox events and idempotency records are kept.
  absl::Duration event_retention = absl::Hours(24 * 30);
  absl::Duration retention_interval = absl::Hours(1);
  // Placement figures older than this show as unknown.
  absl::Duration availability_freshness = absl::Hours(24);
  // How long a place held for a referral is kept unless it is accepted.
  absl::Duration hold_ttl = absl::Hours(2);
  // Most units one facility may have (PlacementDesk::Options).
  int max_units_per_facility = PlacementDesk::Options{}.max_units_per_facility;
  // Largest request accepted. Requests are small; partner payloads (plugin
  // issue) are limited to 1 MiB before parsing, so 2 MiB leaves headroom.
  int max_receive_bytes = 2 * 1024 * 1024;
  // How long Shutdown waits for in-flight calls before cancelling them.
  // Kept well under the 10 s a service manager usually allows, because
  // gRPC's graceful close also waits for idle clients to answer a ping.
  absl::Duration shutdown_grace = absl::Seconds(5);
  // Partner plugins (lib<name>.so). Empty: none; then no registered
  // partner may name a plugin.
  std::filesystem::path plugin_dir;
  // How the plugins' sandboxed worker processes run.
  PluginWorkerOptions plugin_workers;
  // File-drop folders; empty means data_dir/exchange.
  std::filesystem::path exchange_dir;
  // Largest partner payload (gateway and file drop), refused before parsing.
  size_t max_payload_bytes = 1024 * 1024;
  // How long the file drop keeps files in processed/ and rejected/.
  absl::Duration exchange_inbound_retention = absl::Hours(24 * 7);
  // How long a file-drop outbox file waits for the partner to take it
  // (erasure and withdrawal delete a person's at once).
  absl::Duration exchange_outbox_retention = absl::Hours(24 * 7);
  // Most records in one partner payload; more is refused before any write
  // (IngestDesk::Options).
  int max_payload_records = IngestDesk::Options{}.max_records;
  // Records per second and payloads at once per partner (IngestDesk).
  IngestDesk::Budget ingest_budget;
  // Request rate and open streams per partner; streams per connection,
  // memory and threads of the server.
  ServerLimits limits;
  // host:port of the /metrics page (plain HTTP, loopback only; port 0
  // picks a free one, see HubServer::metrics_port). Empty: no page.
  std::string metrics_listen;
  // host:port of the web console (HTTPS with the hub's server certificate;
  // port 0 picks a free one, see HubServer::console_port). Empty: off.
  std::string console_listen;
  // The console's settings (overdue threshold, page size, live streams).
  console::ConsoleSettings console;
};

class HubServer {
 public:
  static absl::StatusOr<std::unique_ptr<HubServer>> Start(HubOptions options);
  ~HubServer();

  // The bound port.
  int port() const { return port_; }
  // The bound port of the /metrics page; 0 when it is off.
  int metrics_port() const {
    return metrics_endpoint_ != nullptr ? metrics_endpoint_->port() : 0;
  }
  // The bound port of the web console; 0 when it is off.
  int console_port() const {
    return console_ != nullptr ? console_->port() : 0;
  }
  // Rereads the revocation list and the partner registry now (SIGHUP); on
  // error the current one stays (for the registry: also when the change
  // needs a restart, PartnerRegistry::Reload). The hub also notices a
  // changed revocation list by itself within a second.
  absl::Status Reload();
  // Stops taking calls, ends Watch streams, waits up to shutdown_grace for
  // in-flight calls, then stops the store after its last commit.
  void Shutdown();

 private:
  HubServer() = default;
  absl::Status Build();
  void RetentionLoop();
  // Ends every open Watch and Subscribe stream; clients reconnect and pass
  // the certificate and registry checks again (a revoked certificate or a
  // disabled partner is then refused).
  void EndOpenStreams();

  HubOptions options_;
  // The desks' clock: the wall clock, never going back (hub_clock.h).
  SystemClock wall_clock_;
  SteadyClock steady_clock_;
  HubClock clock_{&wall_clock_, &steady_clock_};
  // Before everything that records into it; scraped only while
  // metrics_endpoint_ runs, which Shutdown stops first.
  metrics::Registry metrics_;
  std::unique_ptr<HubMetrics> hub_metrics_;
  std::unique_ptr<RpcObserver> rpc_observer_;
  std::unique_ptr<IngestMetrics> ingest_metrics_;
  PartnerRegistry registry_;
  // Admits every call (identity, request rate) and counts open streams.
  std::unique_ptr<PartnerGate> gate_;
  EventNotifier notifier_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<store::Database> db_;
  // Before the referral desk, which holds places through it.
  std::unique_ptr<PlacementDesk> placement_desk_;
  std::unique_ptr<PlacementService> placement_service_;
  std::unique_ptr<ReferralDesk> referral_desk_;
  std::unique_ptr<ReferralService> referral_service_;
  std::unique_ptr<EventService> event_service_;
  // Signs checkpoints of the audit log; its key lives in data_dir/keys.
  std::unique_ptr<audit::AuditKeeper> audit_keeper_;
  std::unique_ptr<AuditService> audit_service_;
  // The key-encryption keys (data_dir/keys/kek) and the lock that keeps
  // `rosa-hub keys rotate` away while the hub runs.
  std::unique_ptr<KeysLock> keys_lock_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<PersonVault> vault_;
  // Puts back what outbox events keep by reference.
  std::unique_ptr<ReferralEventContent> event_content_;
  // Exchange files that may carry identity; erasure and withdrawal delete
  // them through the file drop.
  ExchangeFiles exchange_files_;
  std::unique_ptr<PersonDesk> person_desk_;
  std::unique_ptr<ConsentDesk> consent_desk_;
  std::unique_ptr<PersonService> person_service_;
  std::unique_ptr<ConsentService> consent_service_;
  std::unique_ptr<HandoffDesk> handoff_desk_;
  std::unique_ptr<HandoffService> handoff_service_;
  std::unique_ptr<InquiryDesk> inquiry_desk_;
  std::unique_ptr<InquiryService> inquiry_service_;
  std::unique_ptr<JournalDesk> journal_desk_;
  std::unique_ptr<JournalService> journal_service_;
  std::unique_ptr<ReportDesk> report_desk_;
  std::unique_ptr<ReportService> report_service_;
  // Plugins, PartnerGateway, PluginAdmin and the file drop.
  std::unique_ptr<PartnerExchange> exchange_;
  // Revoked partner certificates (pki/revoked.txt), checked on every call;
  // outlives server_.
  std::unique_ptr<pki::RevocationList> revocations_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::unique_ptr<MetricsEndpoint> metrics_endpoint_;
  // Calls the desks; Shutdown stops it before the store.
  std::unique_ptr<console::ConsoleServer> console_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread retention_thread_;
};

}  // namespace rosa

#endif  // ROSA_APP_HUB_SERVER_H_
