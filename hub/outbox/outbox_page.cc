#include "hub/outbox/outbox_page.h"

#include <utility>

#include "hub/outbox/outbox.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

void ReadOutboxPage(
    store::ReadPool* readers, const EventContent* content,
    const std::string& partner, uint64_t after, bool from_now,
    std::function<void(absl::StatusOr<OutboxPage<v1::Event>>)> done) {
  readers->Submit([content, partner, after, from_now,
                   done = std::move(done)](store::Connection& conn) {
    uint64_t base = after;
    if (from_now) {
      auto last = Outbox::LastCursor(conn, partner);
      if (!last.ok()) {
        done(last.status());
        return;
      }
      base = *last;
    }
    auto events = Outbox::Read(conn, partner, base, kOutboxPageSize, content);
    if (!events.ok()) {
      done(events.status());
      return;
    }
    OutboxPage<v1::Event> page;
    page.through = base;
    page.more = events->size() == static_cast<size_t>(kOutboxPageSize);
    for (v1::Event& e : *events) {
      page.through = e.cursor();
      page.items.push_back(std::move(e));
    }
    done(std::move(page));
  });
}

}  // namespace rosa
