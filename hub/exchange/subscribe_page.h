// PartnerGateway.Subscribe's pages: who may subscribe (a partner with a
// plugin; the others read EventService.Watch) and the page of the caller's
// own outbox after a cursor, encoded by its plugin. The gRPC stream
// (adapters/grpc/partner_gateway_service.cc) sends these pages one after the
// other; the API fuzzer asks for the first one directly.
//
// Thread-safety: may be called from any thread; `done` runs on a store
// reader thread or a renderer thread (see render_page.h), or at once on the
// calling thread for a caller who may not subscribe.
#ifndef ROSA_HUB_EXCHANGE_SUBSCRIBE_PAGE_H_
#define ROSA_HUB_EXCHANGE_SUBSCRIBE_PAGE_H_

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/outbox/outbox_page.h"
#include "hub/partner/partner.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/gateway_service.pb.h"

namespace rosa {

// FAILED_PRECONDITION for a partner without a plugin.
absl::Status CheckSubscriber(const Partner& caller);

// The events of `caller`'s outbox after `after` (with `from_now`: none, but
// `through` is the newest cursor), each encoded by the caller's plugin
// (RenderPage). A caller who may not subscribe gets CheckSubscriber's error.
// REQUIRES: everything outlives the read.
void ReadSubscribePage(
    store::ReadPool* readers, const EventContent* content,
    OutboundRenderer* renderer, const Partner& caller, uint64_t after,
    bool from_now,
    std::function<void(absl::StatusOr<OutboxPage<rosa::hub::v1::EncodedEvent>>)>
        done);

}  // namespace rosa

#endif  // ROSA_HUB_EXCHANGE_SUBSCRIBE_PAGE_H_
