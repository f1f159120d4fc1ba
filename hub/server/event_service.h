// rosa.hub.v1.EventService: Watch streams a partner's outbox from a cursor,
// then live. Each stream is a write reactor that reads its outbox in pages
// on the store's reader threads and is woken by the EventNotifier when new
// events commit; it always re-reads from its own cursor, so events arrive in
// order, without gaps and without repeats within a stream.
//
// Thread-safety: gRPC and the notifier call in from their own threads; each
// stream guards its state with its own mutex.
#ifndef ROSA_HUB_SERVER_EVENT_SERVICE_H_
#define ROSA_HUB_SERVER_EVENT_SERVICE_H_

#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/server/partner_gate.h"
#include "hub/server/stream_set.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/event_service.grpc.pb.h"

namespace rosa {

class EventService final : public rosa::hub::v1::EventService::CallbackService {
 public:
  // REQUIRES: all outlive the service. `texts` puts back what events keep
  // by reference, free text and referral views (Outbox::Read); `gate` caps
  // each partner's open streams.
  EventService(const PartnerRegistry* registry, store::ReadPool* readers,
               const EventContent* texts, EventNotifier* notifier,
               PartnerGate* gate)
      : registry_(registry),
        readers_(readers),
        texts_(texts),
        notifier_(notifier),
        streams_(gate) {}

  grpc::ServerWriteReactor<rosa::hub::v1::Event>* Watch(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::WatchRequest* request) override;

  // Ends every open stream with UNAVAILABLE and refuses new ones, so that
  // the server can drain. Clients reconnect with their last cursor.
  void CloseAllStreams();
  // Ends the streams open now; clients reconnect (StreamSet::EndOpen).
  void EndOpenStreams() { streams_.EndOpen(); }

 private:
  const PartnerRegistry* registry_;
  store::ReadPool* readers_;
  const EventContent* texts_;
  EventNotifier* notifier_;
  StreamSet streams_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_EVENT_SERVICE_H_
