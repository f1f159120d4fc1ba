// The goals as ratios of runs measured in the same benchmark run,
// each added to the report beside its goal (pass or miss). A ratio whose
// runs are missing (skipped, or failed) is left out.
//
// Thread-compatible.
#ifndef ROSA_TESTS_BENCH_BENCH_RATIOS_H_
#define ROSA_TESTS_BENCH_BENCH_RATIOS_H_

#include "tests/bench/bench_options.h"
#include "tests/bench/bench_report.h"

namespace rosa::bench {

//   B2/B1 calls/s at K in flight              >= 0.60
//   B5 p99 / B1 p99 at the offered load       <= 2
//   hub delivery / RabbitMQ delivery (B6)     >= 3
//   B7 full/empty p50 and p99, per query      <= 1.5
//   B7 bytes per referral                     <= 800
//   B8 start to SERVING                       <= 300 ms
//   B8 idle RSS                               <= 64 MiB
void AddRatios(const BenchOptions& options, BenchReport& report);

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_BENCH_RATIOS_H_
