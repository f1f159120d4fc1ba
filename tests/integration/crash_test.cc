// Crash consistency: the hub is killed with SIGKILL while three clients
// submit as fast as they can, again and again. Every submission the hub
// acknowledged must survive, every one whose outcome is unknown must be
// completable by retrying its idempotency key, and no person may end up
// referred twice. ROSA's event stream must hold exactly one event per
// referral, with contiguous cursors.
//
// ROSA_CRASH_SEED and ROSA_CRASH_CYCLES in the environment override the
// random seed (printed) and the number of cycles.
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

using ::rosa::hub::v1::Event;
using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::Referral;
using ::rosa::hub::v1::SubmitReferralRequest;
using ::rosa::hub::v1::SubmitReferralResponse;

namespace v1 = ::rosa::hub::v1;

constexpr int kThreads = 3;

// Who submits what in each client thread.
struct Sender {
  const char* partner;
  const char* recipient;
  v1::ReferralType type;
};
constexpr Sender kSenders[kThreads] = {
    {"rosa", "ks-oslo", v1::REFERRAL_TYPE_PLACEMENT},
    {"ks-oslo", "rosa", v1::REFERRAL_TYPE_ASSISTANCE},
    {"rosa", "lauras-hus", v1::REFERRAL_TYPE_PLACEMENT},
};

struct Attempt {
  int sender = 0;  // Index into kSenders.
  SubmitReferralRequest request;
  grpc::Status status;
  std::string id;  // Set when status is OK.
};

// The value of environment variable `name`, or `fallback` when unset or
// not a number.
template <typename T>
T FromEnv(const char* name, T fallback) {
  const char* value = std::getenv(name);
  T parsed = 0;
  if (value != nullptr && absl::SimpleAtoi(value, &parsed)) return parsed;
  return fallback;
}

class CrashTest : public HubTest {
 protected:
  // Runs the client threads against the hub, kills it with SIGKILL after
  // `kill_after`, and returns every attempt. A thread stops after its first
  // error: the hub is gone and that attempt's outcome is unknown.
  std::vector<Attempt> RunLoadUntilKilled(int cycle,
                                          absl::Duration kill_after) {
    std::atomic<bool> stop{false};
    std::vector<std::vector<Attempt>> per_thread(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        const Sender& sender = kSenders[t];
        PartnerClient client = Client(sender.partner);
        for (int n = 0; !stop.load(); ++n) {
          Attempt a;
          a.sender = t;
          a.request = NewReferralRequest(sender.recipient, sender.type);
          a.request.set_idempotency_key(
              absl::StrCat("crash-", cycle, "-", t, "-", n));
          SubmitReferralResponse response;
          a.status = client.Submit(a.request, &response);
          if (a.status.ok()) a.id = response.referral().id();
          const bool failed = !a.status.ok();
          per_thread[t].push_back(std::move(a));
          if (failed) break;
        }
      });
    }
    // The random delay is the test's schedule, not a synchronisation.
    absl::SleepFor(kill_after);
    hub().Kill9();
    stop.store(true);
    for (std::thread& th : threads) th.join();
    std::vector<Attempt> all;
    for (auto& v : per_thread) {
      for (Attempt& a : v) all.push_back(std::move(a));
    }
    return all;
  }
};

TEST_F(CrashTest, AcknowledgedSubmissionsSurviveKill9) {
  const int cycles = FromEnv<int>("ROSA_CRASH_CYCLES", 40);
  const uint32_t seed =
      FromEnv<uint32_t>("ROSA_CRASH_SEED", std::random_device()());
  std::cerr << "crash_test: seed " << seed << " (ROSA_CRASH_SEED), " << cycles
            << " cycles\n";
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(100, 600);

  // What the hub must hold at the end.
  std::map<std::string, std::string> expected;  // person_ref -> id
  size_t acknowledged = 0;
  size_t retried = 0;
  size_t replayed_retries = 0;
  const absl::Time started = absl::Now();

  for (int cycle = 0; cycle < cycles; ++cycle) {
    SCOPED_TRACE(absl::StrCat("cycle ", cycle));
    std::vector<Attempt> attempts =
        RunLoadUntilKilled(cycle, absl::Milliseconds(delay_ms(rng)));

    absl::Status restarted = hub().Restart();
    ASSERT_TRUE(restarted.ok()) << restarted;

    std::vector<PartnerClient> clients;
    for (const Sender& s : kSenders) clients.push_back(Client(s.partner));

    // Last acknowledged submission per thread: the one most likely to be
    // lost by a commit that was not durable. Its retry must replay.
    std::map<int, const Attempt*> last_ok;
    for (const Attempt& a : attempts) {
      if (a.status.ok()) {
        ++acknowledged;
        ASSERT_TRUE(expected.emplace(a.request.person_ref(), a.id).second)
            << "person_ref used twice: " << a.request.person_ref();
        last_ok[a.sender] = &a;
      }
    }
    for (const auto& [sender, a] : last_ok) {
      SubmitReferralResponse response;
      ASSERT_THAT(clients[sender].Submit(a->request, &response), IsOk());
      EXPECT_TRUE(response.replayed())
          << "acknowledged " << a->id << " (key "
          << a->request.idempotency_key() << ") was not found after kill -9";
      EXPECT_EQ(response.referral().id(), a->id);
    }

    // Unknown outcomes: retry with the same key and body.
    for (const Attempt& a : attempts) {
      if (a.status.ok()) continue;
      ++retried;
      SubmitReferralResponse response;
      grpc::Status status = clients[a.sender].Submit(a.request, &response);
      ASSERT_THAT(status, IsOk())
          << "retry of key " << a.request.idempotency_key()
          << " after a first attempt that failed with " << StatusText(a.status);
      if (response.replayed()) ++replayed_retries;
      EXPECT_EQ(response.referral().person_ref(), a.request.person_ref());
      ASSERT_TRUE(
          expected.emplace(a.request.person_ref(), response.referral().id())
              .second)
          << "person_ref used twice: " << a.request.person_ref();
    }
  }
  std::cerr << "crash_test: " << acknowledged << " acknowledged, " << retried
            << " retried (" << replayed_retries << " of them replayed), in "
            << absl::Now() - started << "\n";
  EXPECT_GT(acknowledged, 0u);

  // Every referral exactly once, by person_ref.
  PartnerClient rosa = Client("rosa");
  ListReferralsRequest list;
  list.set_page_size(500);
  std::vector<Referral> stored;
  ASSERT_THAT(rosa.ListAll(list, &stored), IsOk());
  std::map<std::string, int> count;
  std::set<std::string> ids;
  for (const Referral& r : stored) {
    ++count[r.person_ref()];
    EXPECT_TRUE(ids.insert(r.id()).second) << "id listed twice: " << r.id();
  }
  for (const auto& [ref, n] : count) {
    EXPECT_EQ(n, 1) << ref << " is stored " << n << " times";
    EXPECT_TRUE(expected.count(ref)) << ref << " was never submitted";
  }
  for (const auto& [ref, id] : expected) {
    EXPECT_EQ(count[ref], 1) << ref << " (" << id << ") is missing";
  }
  EXPECT_EQ(stored.size(), expected.size());

  // ROSA is party to or coordinator of every referral: one event each,
  // cursors 1..N without gaps, then the next event gets N+1.
  const size_t n = stored.size();
  WatchStream stream(rosa.channel(), WatchFrom(0));
  ASSERT_TRUE(stream.WaitForEvents(n, absl::Seconds(60)))
      << "got " << stream.event_count() << " of " << n << " events";
  SubmitReferralResponse marker;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &marker), IsOk());
  ASSERT_TRUE(stream.WaitForEvents(n + 1, absl::Seconds(10)));
  const std::vector<Event> events = stream.events();
  std::set<std::string> event_ids;
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i].cursor(), i + 1) << "gap or disorder at event " << i;
    EXPECT_TRUE(event_ids.insert(events[i].referral().referral().id()).second)
        << "two events for " << events[i].referral().referral().id();
  }
  EXPECT_EQ(events[n].referral().referral().id(), marker.referral().id());
  for (const std::string& id : ids) {
    EXPECT_TRUE(event_ids.count(id)) << "no event for " << id;
  }
}

}  // namespace
}  // namespace rosa::integration
