// hub_bench's command line and the hub command line every benchmark hub
// runs with.
//
//   --smoke               tiny durations and N (CI: errors only)
//   --duration-ms N       measuring window of each run (default 5000)
//   --warmup-ms N         warm-up before each window (default 1000)
//   --in-flight K         calls in flight for closed-loop runs (default 64)
//   --rate R              B5's offered load, calls/s (default 1000)
//   --referrals N         B7's loaded referrals (default 1000000)
//   --no-growth           skips B7; --no-delivery skips B5
//   --json PATH           writes the results as JSON
//   --rabbitmq-json PATH  merges rabbitmq_bench's results (B6)
//   --rabbitmq-note TEXT  why B6 did not run (printed under the table)
//
// Thread-compatible.
#ifndef ROSA_TESTS_BENCH_BENCH_OPTIONS_H_
#define ROSA_TESTS_BENCH_BENCH_OPTIONS_H_

#include <cstdint>
#include <filesystem>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/integration/hub_process.h"

namespace rosa::bench {

struct BenchOptions {
  bool smoke = false;
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(5);
  int in_flight = 64;
  double rate = 1000;
  int64_t referrals = 1000000;
  bool growth = true;
  bool delivery = true;
  std::filesystem::path json;
  std::filesystem::path rabbitmq_json;
  std::string rabbitmq_note = "B6 (RabbitMQ) not run: no --rabbitmq-json";
};

absl::StatusOr<BenchOptions> ParseBenchOptions(int argc, char** argv);

// `rosa-hub serve` as the integration tests run it (test registry with
// every plugin, development PKI), with the per-partner call rate and burst
// raised out of the way so the load generator measures the hub, not its
// rate limiter. Both sides of every ratio run on such a hub.
integration::HubOptions HubOptionsForBench();

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_BENCH_OPTIONS_H_
