#include "hub/exchange/render_page.h"

#include <cstdint>
#include <memory>
#include <utility>

#include "hub/store/page_token.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

struct PageRender {
  OutboundRenderer* renderer;
  Partner partner;
  OutboxPage<v1::Event> in;
  OutboxPage<v1::EncodedEvent> out;
  size_t next = 0;
  // Identity reads made so far, and the cursor of the last event rendered.
  int identity_reads = 0;
  uint64_t last_cursor = 0;
  std::function<void(absl::StatusOr<OutboxPage<v1::EncodedEvent>>)> done;
};

void RenderNext(std::shared_ptr<PageRender> state) {
  if (state->next == state->in.items.size()) {
    state->out.through = state->in.through;
    state->out.more = state->in.more;
    state->done(std::move(state->out));
    return;
  }
  v1::Event& event = state->in.items[state->next];
  if (OutboundRenderer::NeedsIdentity(state->partner, event) &&
      ++state->identity_reads > store::kMaxIdentityPageSize) {
    // Enough audited reads on the writer for one page: the rest comes with
    // the next one.
    state->out.through = state->last_cursor;
    state->out.more = true;
    state->done(std::move(state->out));
    return;
  }
  ++state->next;
  const uint64_t cursor = event.cursor();
  state->last_cursor = cursor;
  state->renderer->Render(
      state->partner, std::move(event),
      [state, cursor](absl::StatusOr<OutboundRenderer::Payloads> payloads) {
        if (!payloads.ok()) {
          state->done(payloads.status());
          return;
        }
        for (auto& p : *payloads) {
          v1::EncodedEvent* e = &state->out.items.emplace_back();
          e->set_cursor(cursor);
          e->set_content_type(p.content_type());
          e->set_payload(std::move(*p.mutable_payload()));
          e->set_name(p.name());
        }
        RenderNext(state);
      });
}

}  // namespace

void RenderPage(
    OutboundRenderer* renderer, const Partner& partner,
    OutboxPage<v1::Event> page,
    std::function<void(absl::StatusOr<OutboxPage<v1::EncodedEvent>>)> done) {
  auto state = std::make_shared<PageRender>();
  state->renderer = renderer;
  state->partner = partner;
  state->in = std::move(page);
  state->done = std::move(done);
  RenderNext(std::move(state));
}

}  // namespace rosa
