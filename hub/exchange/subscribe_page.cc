#include "hub/exchange/subscribe_page.h"

#include <utility>

#include "hub/exchange/render_page.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::Status CheckSubscriber(const Partner& caller) {
  if (!caller.plugin.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "this partner has no plugin; use EventService.Watch");
}

void ReadSubscribePage(
    store::ReadPool* readers, const EventContent* content,
    OutboundRenderer* renderer, const Partner& caller, uint64_t after,
    bool from_now,
    std::function<void(absl::StatusOr<OutboxPage<v1::EncodedEvent>>)> done) {
  if (absl::Status s = CheckSubscriber(caller); !s.ok()) {
    done(std::move(s));
    return;
  }
  ReadOutboxPage(readers, content, caller.id, after, from_now,
                 [renderer, caller, done = std::move(done)](
                     absl::StatusOr<OutboxPage<v1::Event>> page) mutable {
                   if (!page.ok()) {
                     done(page.status());
                     return;
                   }
                   RenderPage(renderer, caller, *std::move(page),
                              std::move(done));
                 });
}

}  // namespace rosa
