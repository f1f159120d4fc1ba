// Where the API fuzzer (api_fuzz_test.cc) starts its mutations from: valid
// requests of every request type. At the start, the workload's acknowledged
// requests (SeedCorpus) and valid calls on ROSA's desks, the placement desk,
// the hotline and the streams (DeskSeeds); during the run, what each
// accepted answer makes possible next (FollowUps): a lawyer's and IOM's
// consent for a person just registered, a handoff for the lawyer's consent,
// an assisted-return referral for IOM's, the recipient's steps on a new
// referral, IOM's progress on its own, a read of a place hold. Without the
// follow-ups a run stops accepting whole request types once it has erased
// the persons its first seeds named.
//
// Thread-compatible.
#ifndef ROSA_TESTS_RELIABILITY_FUZZ_SEEDS_H_
#define ROSA_TESTS_RELIABILITY_FUZZ_SEEDS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "hub/plugin_host/plugin_host.h"
#include "tests/reliability/workload.h"

namespace rosa::reliability {

// A request the hub accepted (or that seeds the mutations), with its caller.
struct Accepted {
  std::string caller;
  std::unique_ptr<google::protobuf::Message> request;
};

template <typename T>
Accepted Seed(const std::string& caller, const T& request) {
  return {caller, std::make_unique<T>(request)};
}

// The requests to mutate from, by request type (full name); at most
// kPoolSize per type.
using SeedPools = std::map<std::string, std::vector<Accepted>>;
inline constexpr size_t kPoolSize = 32;

// Adds `a` to its type's pool while there is room, else puts it in place of
// a random one, so that a pool follows what the hub accepts lately.
void Keep(SeedPools& pools, Accepted a, std::mt19937_64& rng);

// The workload's acknowledged requests, with a handoff for each lawyer's
// consent among them.
std::vector<Accepted> SeedCorpus(const Ledger& ledger);

// Valid calls on ROSA's desks (journal, annual report, audit log, plugin
// admin, hotline), on the placement desk (capacity reports, a referral that
// holds a place) and the streams' starts for every partner in `partners`.
// `now` is the rig's clock.
std::vector<Accepted> DeskSeeds(const Ledger& ledger,
                                const std::vector<std::string>& partners,
                                const PluginHost& plugins, absl::Time now);

// Requests that `answer`, the hub's acceptance of `request` from `caller`,
// makes valid (none for most). `key` is unique to this answer (it goes into
// their idempotency keys); `now` is the rig's clock.
std::vector<Accepted> FollowUps(const std::string& caller,
                                const google::protobuf::Message& request,
                                const google::protobuf::Message& answer,
                                const std::string& key, absl::Time now);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_FUZZ_SEEDS_H_
