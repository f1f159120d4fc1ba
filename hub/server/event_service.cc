#include "hub/server/event_service.h"

#include "hub/server/grpc_status.h"
#include "hub/server/partner_identity.h"
#include "hub/server/watch_stream.h"

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
  auto* stream =
      new WatchStream(this, readers_, notifier_, (*partner)->id,
                      request->after_cursor(), request->from_now());
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) {
      stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                 "the hub is shutting down"));
      // OnDone will delete it; it never subscribed.
      return stream;
    }
    streams_.insert(stream);
  }
  stream->Start();
  return stream;
}

void EventService::CloseAllStreams() {
  std::lock_guard<std::mutex> lock(mu_);
  closing_ = true;
  for (WatchStream* stream : streams_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "the hub is shutting down; reconnect with "
                               "your last cursor"));
  }
}

void EventService::Forget(WatchStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.erase(stream);
}

}  // namespace rosa
