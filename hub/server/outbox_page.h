// Reading one page of a partner's outbox on the store's reader threads, for
// the streams in outbox_stream.h. Thread-safety: may be called from any
// thread; `done` runs on a reader thread.
#ifndef ROSA_HUB_SERVER_OUTBOX_PAGE_H_
#define ROSA_HUB_SERVER_OUTBOX_PAGE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "hub/outbox/outbox.h"
#include "hub/server/outbox_stream.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/event.pb.h"

namespace rosa {

inline constexpr int kOutboxPageSize = 100;

// Events of `partner` after `after`; with `from_now`, none, but `through`
// is the newest cursor so that the stream goes on from there. Free text
// comes back from `texts` (see Outbox::Read).
// REQUIRES: `texts` outlives the read.
void ReadOutboxPage(
    store::ReadPool* readers, const SealedTexts* texts,
    const std::string& partner, uint64_t after, bool from_now,
    std::function<void(absl::StatusOr<OutboxPage<rosa::hub::v1::Event>>)> done);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_OUTBOX_PAGE_H_
