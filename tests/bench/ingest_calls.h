// B4: PartnerGateway.Ingest through the real hub process and its plugin
// workers: a 100-row ks-csv `plasser` file from ks-oslo and a 1-record
// Filemon capacity JSON from filemon, closed-loop. Every payload is new
// (a different figure or time in each), so none is a replay of an earlier
// one, and each changes the stored figures; a payload not applied in
// whole is an error.
//
// Thread-compatible: runs on the benchmark's main thread.
#ifndef ROSA_TESTS_BENCH_INGEST_CALLS_H_
#define ROSA_TESTS_BENCH_INGEST_CALLS_H_

#include <cstdint>
#include <string>

#include "tests/bench/bench_options.h"
#include "tests/bench/bench_report.h"
#include "tests/bench/load_gen.h"
#include "tests/integration/hub_process.h"

namespace rosa::bench {

// The ks-csv plasser payload number `seq`: `rows` units of ks-oslo.
std::string KsCsvPlasser(int64_t seq, int rows);
// The Filemon capacity payload number `seq` (one record).
std::string FilemonCapacity(int64_t seq);

// Runs both B4 runs against `hub` and adds them to `report`.
void RunIngest(const BenchOptions& options, integration::HubProcess& hub,
               const LoadSpec& spec, BenchReport& report);

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_INGEST_CALLS_H_
