// Everything that lets partners speak their own formats, assembled: the
// loaded plugins, the ingest desk and outbound renderer of the core, the
// gRPC PartnerGateway and PluginAdmin services, and the file-drop folders.
// HubServer builds one after its desks and registers its services.
//
// Start-up fails, with an error naming the partner and plugin, when an
// enabled partner's plugin is missing or does not serve its kind.
//
// Thread-safety: built, started and stopped from one thread; the services
// and the file drop run on their own threads.
#ifndef ROSA_ADAPTERS_PARTNER_EXCHANGE_H_
#define ROSA_ADAPTERS_PARTNER_EXCHANGE_H_

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "adapters/file_drop/file_drop.h"
#include "adapters/grpc/partner_gateway_service.h"
#include "adapters/grpc/plugin_admin_service.h"
#include "hub/consent/exchange_files.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/plugin_host/plugin_host.h"

namespace rosa {

struct ExchangeOptions {
  // The partners' plugins, not loaded yet (perhaps loading: the caller may
  // have called StartLoading); Create loads them (LoadAll) unless their
  // plugin_dir is empty. REQUIRES: not null; Create runs on the thread
  // that called StartLoading.
  std::unique_ptr<PluginHost> plugins;
  // The file-drop root: <root>/<partner>/{inbox,processed,rejected,outbox}.
  std::filesystem::path exchange_dir;
  size_t max_payload_bytes = 1024 * 1024;
  // How long the file drop keeps files in processed/ and rejected/, and
  // outbox files the partner has not taken (see file_drop.h).
  absl::Duration inbound_retention = absl::Hours(24 * 7);
  absl::Duration outbox_retention = absl::Hours(24 * 7);
  // The core's record of exchange files (erasure and withdrawal delete
  // through it); null: none kept.
  ExchangeFiles* exchange_files = nullptr;
  // Most records in one payload (IngestDesk::Options).
  int max_payload_records = IngestDesk::Options{}.max_records;
  // Counts payload outcomes and plugin failures (IngestDesk::Options).
  IngestMetrics* ingest_metrics = nullptr;
  // What one partner's payloads may cost (IngestDesk::Budget).
  IngestDesk::Budget ingest_budget;
  // ROSA's contact desk, printed on outbound requests.
  std::string contact_organisation = "ROSA";
  std::string contact_phone = "+47 22 33 11 60";
};

class PartnerExchange {
 public:
  // REQUIRES: everything outlives the exchange. `gate` caps each partner's
  // open Subscribe streams (with its Watch streams).
  static absl::StatusOr<std::unique_ptr<PartnerExchange>> Create(
      ExchangeOptions options, const PartnerRegistry* registry,
      store::Database* db, const EventContent* texts, EventNotifier* notifier,
      PartnerGate* gate, IngestDesk::Desks desks);
  ~PartnerExchange();

  void RegisterServices(grpc::ServerBuilder& builder);
  // Starts the file drop; call once the server is up.
  absl::Status Start();
  // Ends Subscribe streams (clients resume by cursor).
  void CloseStreams();
  // Ends the Subscribe streams open now; clients reconnect.
  void EndOpenStreams();
  // Stops the file drop after the file in hand.
  void Stop();

 private:
  PartnerExchange() = default;

  std::unique_ptr<PluginHost> plugins_;
  std::unique_ptr<IngestDesk> ingest_;
  std::unique_ptr<OutboundRenderer> renderer_;
  std::unique_ptr<PartnerGatewayService> gateway_;
  std::unique_ptr<PluginAdminService> admin_;
  std::unique_ptr<FileDrop> file_drop_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_PARTNER_EXCHANGE_H_
