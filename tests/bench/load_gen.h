// The benchmark's load generator: drives one kind of call against the hub
// either closed-loop (K calls always in flight) or open-loop (a fixed
// offered rate, each call timed from its scheduled start so that a slow
// answer cannot hide the calls it delays). A warm-up runs first and is not
// measured; then every call that completes within the fixed measuring window
// contributes its latency to one sample set, from which percentiles are
// read (never averages of averages). Any failed call is counted, and the
// first failure's text is kept (status code and message only: the hub's
// messages carry no personal data).
//
// Example:
//   LoadResult r = RunClosedLoop(
//       {.name = "B1 health", .warmup = absl::Seconds(1),
//        .duration = absl::Seconds(5)},
//       64, [&](int64_t seq, int64_t due, CallDone done) { ... done(""); });
//
// Thread-safety: Run* block the calling thread; `start` is called from the
// calling thread and from gRPC's callback threads, and must be thread-safe.
#ifndef ROSA_TESTS_BENCH_LOAD_GEN_H_
#define ROSA_TESTS_BENCH_LOAD_GEN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace rosa::bench {

// Ends one call: "" when it succeeded, otherwise why it failed.
using CallDone = std::function<void(const std::string& error)>;
// Starts call number `seq` (unique within the run), due at `due_nanos` on
// MonotonicNanos()'s clock (open loop: its scheduled time; closed loop: now),
// and calls `done` exactly once when it ends, from any thread, then lets go
// of it (a gRPC callback's closure does when it is destroyed). Must not
// block. A call counts open until every copy of its `done` is destroyed, so
// that Run* return only when nothing of the run is left on another thread:
// the caller may then release the stubs and channels the calls used.
using StartCall =
    std::function<void(int64_t seq, int64_t due_nanos, CallDone done)>;

// The steady clock the load generator times calls with, in nanoseconds.
int64_t MonotonicNanos();

struct LoadSpec {
  std::string name{};
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(5);
};

// The nanosecond latencies of one measuring window, sorted.
struct Samples {
  std::vector<int64_t> nanos;

  // The q-quantile (0 <= q <= 1) by the nearest-rank method, in µs; 0 when
  // there are no samples.
  double PercentileMicros(double q) const;
};

struct LoadResult {
  std::string name;
  int in_flight = 0;        // Closed loop: K. Open loop: 0.
  double offered_rate = 0;  // Open loop: calls/s asked for. Closed: 0.
  double seconds = 0;       // Length of the measuring window.
  int64_t calls = 0;        // Calls completed OK within the window.
  int64_t errors = 0;       // Failed calls, warm-up included.
  std::string first_error;  // The first failure's text, if any.
  Samples latency;

  double CallsPerSecond() const { return seconds > 0 ? calls / seconds : 0; }
};

// K = `in_flight` calls always outstanding: each completion starts the next
// until the window ends; waits for the last answers (at most 30 s; calls
// still open then count as errors).
LoadResult RunClosedLoop(const LoadSpec& spec, int in_flight,
                         const StartCall& start);

// Starts calls at `rate` per second on a fixed schedule from one pacing
// thread; a call's latency runs from its scheduled time. Waits for the last
// answers (at most 30 s; calls still open then count as errors).
LoadResult RunOpenLoop(const LoadSpec& spec, double rate,
                       const StartCall& start);

// "B1 health  64  25000/s  p50 2.3 ms  p99 5.1 ms  errors 0".
std::string Describe(const LoadResult& result);

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_LOAD_GEN_H_
