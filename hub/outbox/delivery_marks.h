// How far each partner has read its outbox over a stream: the newest
// cursor a Watch or Subscribe stream of the partner has written (or the
// cursor the partner resumed after). Kept in memory for the metrics
// (outbox backlog, oldest unread event); after a restart a partner counts
// as having read nothing until it reconnects, which it does at once.
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_OUTBOX_DELIVERY_MARKS_H_
#define ROSA_HUB_OUTBOX_DELIVERY_MARKS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"

namespace rosa {

class DeliveryMarks {
 public:
  // Records that `partner` has read through `cursor` (an older cursor
  // than the one recorded changes nothing).
  void Mark(const std::string& partner, uint64_t cursor);
  // Partner id -> newest cursor read.
  std::map<std::string, uint64_t> Snapshot() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> read_through_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_DELIVERY_MARKS_H_
