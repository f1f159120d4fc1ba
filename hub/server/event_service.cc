#include "hub/server/event_service.h"

#include "hub/outbox/outbox_page.h"
#include "hub/server/grpc_status.h"
#include "hub/server/outbox_stream.h"
#include "hub/server/partner_identity.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

namespace {

// A stream that ends at once with `status`.
class RefusedStream final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  explicit RefusedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<v1::Event>* EventService::Watch(
    grpc::CallbackServerContext* context, const v1::WatchRequest* request) {
  auto partner = IdentifyPartner(context->auth_context(), *registry_);
  if (!partner.ok()) {
    return new RefusedStream(ToGrpcStatus(partner.status(), "Watch"));
  }
  const std::string id = (*partner)->id;
  auto* stream = new OutboxStream<v1::Event>(
      &streams_, notifier_, id, request->after_cursor(), request->from_now(),
      [readers = readers_, texts = texts_, id](uint64_t after, bool from_now,
                                               auto done) {
        ReadOutboxPage(readers, texts, id, after, from_now, std::move(done));
      },
      "Watch");
  stream->Start();
  return stream;
}

void EventService::CloseAllStreams() { streams_.CloseAll(); }

}  // namespace rosa
