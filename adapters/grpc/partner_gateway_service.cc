#include "adapters/grpc/partner_gateway_service.h"

#include <string>
#include <utility>

#include "hub/exchange/subscribe_page.h"
#include "hub/server/grpc_status.h"
#include "hub/server/outbox_stream.h"
#include "hub/server/partner_identity.h"
#include "hub/server/serve_unary.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

class RefusedStream final : public grpc::ServerWriteReactor<v1::EncodedEvent> {
 public:
  explicit RefusedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerUnaryReactor* PartnerGatewayService::Ingest(
    grpc::CallbackServerContext* context, const v1::IngestRequest* request,
    v1::IngestResponse* response) {
  return ServeUnary(context, *registry_, "Ingest", response,
                    [&](const Partner& partner, auto finish) {
                      ingest_->Ingest(partner, *request,
                                      FromGrpcDeadline(context->deadline()),
                                      std::move(finish));
                    });
}

grpc::ServerWriteReactor<v1::EncodedEvent>* PartnerGatewayService::Subscribe(
    grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) {
  auto partner = IdentifyPartner(context->auth_context(), *registry_);
  if (!partner.ok()) {
    return new RefusedStream(ToGrpcStatus(partner.status(), "Subscribe"));
  }
  if (absl::Status s = CheckSubscriber(**partner); !s.ok()) {
    return new RefusedStream(ToGrpcStatus(s, "Subscribe"));
  }
  const Partner caller = **partner;
  auto* stream = new OutboxStream<v1::EncodedEvent>(
      &streams_, notifier_, caller.id, request->after_cursor(),
      /*from_now=*/false,
      [readers = readers_, texts = texts_, renderer = renderer_, caller](
          uint64_t after, bool from_now, auto done) {
        ReadSubscribePage(readers, texts, renderer, caller, after, from_now,
                          std::move(done));
      },
      "Subscribe");
  stream->Start();
  return stream;
}

}  // namespace rosa
