// B5: how long a referral takes from ROSA's SubmitReferral to the
// recipient's open Watch stream, through the real hub process. ks-oslo
// watches from now; ROSA submits placement referrals open-loop at the
// offered rate (default 1 000/s); each delivery is matched to its submit by
// the referral's person reference and timed from the submit's scheduled
// start. Beside it, B1 (health check) at the same offered load, and the
// hub's delivery throughput with K submits in flight (for B6's ratio).
// A referral not delivered within 10 s of the run is an error.
//
// Thread-compatible: runs on the benchmark's main thread (it starts and
// joins its own stream reader).
#ifndef ROSA_TESTS_BENCH_DELIVERY_BENCH_H_
#define ROSA_TESTS_BENCH_DELIVERY_BENCH_H_

#include "tests/bench/bench_options.h"
#include "tests/bench/bench_report.h"
#include "tests/bench/load_gen.h"
#include "tests/integration/hub_process.h"

namespace rosa::bench {

void RunDelivery(const BenchOptions& options, integration::HubProcess& hub,
                 const LoadSpec& spec, BenchReport& report);

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_DELIVERY_BENCH_H_
