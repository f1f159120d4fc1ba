// The messages a delivery benchmark sent and the deliveries it saw,
// matched by a key unique to each message (the hub: the referral's person
// reference; RabbitMQ: the message id), each timed from the send's due time
// on MonotonicNanos()'s clock. Shared by B5 (the hub) and B6 (RabbitMQ) so
// both sides of their ratio are counted the same way.
//
// Thread-safe.
#ifndef ROSA_TESTS_BENCH_DELIVERY_LOG_H_
#define ROSA_TESTS_BENCH_DELIVERY_LOG_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "tests/bench/load_gen.h"

namespace rosa::bench {

class DeliveryLog {
 public:
  // A message with `key` is sent (or about to be), due at `due`.
  void Sent(const std::string& key, int64_t due);
  // The message with `key` arrived now; false when it was not sent (or
  // arrived before).
  bool Seen(const std::string& key);
  // Waits until every message sent has arrived or `timeout` passed; the
  // number still missing.
  int64_t AwaitAll(absl::Duration timeout);
  // Forgets every message sent and every delivery seen.
  void Clear();
  // Deliveries of messages due in [begin, end) as a run named `name`
  // (latency from due to arrival; calls: the deliveries), and forgets every
  // delivery seen so far.
  LoadResult Window(std::string name, int64_t begin, int64_t end);

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, int64_t> pending_ ABSL_GUARDED_BY(mu_);
  // (due, arrival).
  std::vector<std::pair<int64_t, int64_t>> delivered_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_DELIVERY_LOG_H_
