// B7: the read queries' latency on an almost empty store and on a store of
// N referrals (1 000 000 by default), and the database bytes per referral.
// Both hubs get the same placement figures first (a 100-unit ks-csv plasser
// file from ks-oslo and a Filemon capacity record); the almost empty store
// holds 51 referrals (one full page of ListReferrals, which also asks both
// stores for the same page of 50, and the ids GetReferral reads). The full
// store is filled by
// referral_loader (the hub's own desk code) before its hub starts.
// Queries run one at a time (K = 1): ListReferrals (ROSA's first page),
// FindPlaces (a woman in Oslo), ListAvailability (all) and GetReferral (ids
// spread over the whole store).
//
// Thread-compatible: runs on the benchmark's main thread.
#ifndef ROSA_TESTS_BENCH_GROWTH_BENCH_H_
#define ROSA_TESTS_BENCH_GROWTH_BENCH_H_

#include "tests/bench/bench_options.h"
#include "tests/bench/bench_report.h"
#include "tests/bench/load_gen.h"
#include "tests/integration/hub_process.h"

namespace rosa::bench {

// The queries against `hub` as runs "B7 empty <query>". Call it before
// anything else writes referrals to that hub.
void RunGrowthEmpty(integration::HubProcess& hub, const LoadSpec& spec,
                    BenchReport& report);

// Loads options.referrals into a fresh data directory, starts a hub on it
// and runs the queries as "B7 full <query>"; adds the bytes per referral
// (the growth of the database and its WAL from a store of one referral).
void RunGrowthFull(const BenchOptions& options, const LoadSpec& spec,
                   BenchReport& report);

// The queries, in report order.
inline constexpr const char* kGrowthQueries[] = {
    "ListReferrals", "FindPlaces", "ListAvailability", "GetReferral"};

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_GROWTH_BENCH_H_
