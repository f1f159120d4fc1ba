// rosa.hub.v1.PartnerGateway: partners that speak their own format send
// payloads (Ingest, applied by the core through IngestDesk) and stream
// their outbox encoded by their plugin (Subscribe, resumable by cursor
// like EventService.Watch). Callback API; nothing here blocks.
// Thread-safety: gRPC calls in from its own threads.
#ifndef ROSA_ADAPTERS_GRPC_PARTNER_GATEWAY_SERVICE_H_
#define ROSA_ADAPTERS_GRPC_PARTNER_GATEWAY_SERVICE_H_

#include "hub/exchange/ingest_desk.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/server/partner_gate.h"
#include "hub/server/stream_set.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"

namespace rosa {

class PartnerGatewayService final
    : public rosa::hub::v1::PartnerGateway::CallbackService {
 public:
  // REQUIRES: everything outlives the service.
  PartnerGatewayService(const PartnerRegistry* registry, IngestDesk* ingest,
                        OutboundRenderer* renderer, store::ReadPool* readers,
                        const EventContent* texts, EventNotifier* notifier,
                        PartnerGate* gate)
      : registry_(registry),
        ingest_(ingest),
        renderer_(renderer),
        readers_(readers),
        texts_(texts),
        notifier_(notifier),
        streams_(gate) {}

  grpc::ServerUnaryReactor* Ingest(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::IngestRequest* request,
      rosa::hub::v1::IngestResponse* response) override;

  grpc::ServerWriteReactor<rosa::hub::v1::EncodedEvent>* Subscribe(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::SubscribeRequest* request) override;

  // Ends open Subscribe streams so that the server can drain.
  void CloseAllStreams() { streams_.CloseAll(); }
  // Ends the Subscribe streams open now; clients reconnect.
  void EndOpenStreams() { streams_.EndOpen(); }

 private:
  const PartnerRegistry* registry_;
  IngestDesk* ingest_;
  OutboundRenderer* renderer_;
  store::ReadPool* readers_;
  const EventContent* texts_;
  EventNotifier* notifier_;
  StreamSet streams_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_GRPC_PARTNER_GATEWAY_SERVICE_H_
