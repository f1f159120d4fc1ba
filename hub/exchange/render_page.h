// Rendering a page of outbox events in order through the partner's plugin,
// one event after the other (each may wait for an audited identity read).
// Shared by PartnerGateway.Subscribe and the file-drop outbox.
// Thread-safety: may be called from any thread; `done` runs on a store
// thread.
#ifndef ROSA_HUB_EXCHANGE_RENDER_PAGE_H_
#define ROSA_HUB_EXCHANGE_RENDER_PAGE_H_

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/outbox/outbox_page.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"

namespace rosa {

// Each event becomes zero or more EncodedEvents with the event's cursor;
// the page's `through` and `more` are kept. At most
// store::kMaxIdentityPageSize events that need an identity read are
// rendered: a page with more ends before the next of them (`through` is the
// last event rendered, `more` is set).
void RenderPage(
    OutboundRenderer* renderer, const Partner& partner,
    OutboxPage<rosa::hub::v1::Event> page,
    std::function<void(absl::StatusOr<OutboxPage<rosa::hub::v1::EncodedEvent>>)>
        done);

}  // namespace rosa

#endif  // ROSA_HUB_EXCHANGE_RENDER_PAGE_H_
