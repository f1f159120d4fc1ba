// One page of a partner's outbox (OutboxPage), its source, and reading one
// on the store's reader threads. The streams (hub/server/outbox_stream.h),
// the gateway's Subscribe and the file-drop outbox page through it.
// Thread-safety: ReadOutboxPage may be called from any thread; `done` runs
// on a reader thread.
#ifndef ROSA_HUB_OUTBOX_OUTBOX_PAGE_H_
#define ROSA_HUB_OUTBOX_OUTBOX_PAGE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/outbox/outbox.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/event.pb.h"

namespace rosa {

inline constexpr int kOutboxPageSize = 100;

template <typename Item>
struct OutboxPage {
  std::vector<Item> items;
  // The newest outbox cursor this page covers (items may be fewer than the
  // events read, e.g. when an event encodes to nothing).
  uint64_t through = 0;
  // More events may follow at once.
  bool more = false;
};

// Reads the page after `after` (or, with `from_now`, starts at the newest
// event and reads nothing older) and calls `done` exactly once, from any
// thread, never while the caller waits.
template <typename Item>
using OutboxPageSource = std::function<void(
    uint64_t after, bool from_now,
    std::function<void(absl::StatusOr<OutboxPage<Item>>)> done)>;

// Events of `partner` after `after`; with `from_now`, none, but `through`
// is the newest cursor so that the stream goes on from there. Free text and
// referral events kept by reference come back from `content` (see
// Outbox::Read).
// REQUIRES: `content` outlives the read.
void ReadOutboxPage(
    store::ReadPool* readers, const EventContent* content,
    const std::string& partner, uint64_t after, bool from_now,
    std::function<void(absl::StatusOr<OutboxPage<rosa::hub::v1::Event>>)> done);

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_OUTBOX_PAGE_H_
