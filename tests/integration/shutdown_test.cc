// Integration tests of a graceful shutdown: SIGTERM ends open Watch streams
// with UNAVAILABLE, the hub exits 0 promptly, and what was committed is
// there after a restart.
#include <stdlib.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

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
using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

namespace v1 = ::rosa::hub::v1;

constexpr absl::Duration kShutdownLimit = absl::Seconds(10);

// A graceful shutdown sends each connection a GOAWAY and a ping, and waits
// for the ping's acknowledgement. A gRPC client channel without an active
// call reads its socket only from the backup poller, every 5 s by default,
// which would stretch every shutdown here to 5-10 s: the timing of this
// test client, not of the hub. Real clients with a Watch open answer at
// once; so does this one with a 50 ms backup poll. Set before gRPC starts.
const bool kFastBackupPoll = [] {
  setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "50", /*overwrite=*/0);
  return true;
}();

class ShutdownTest : public HubTest {};

TEST_F(ShutdownTest, SigtermEndsWatchStreamsWithUnavailableAndExitsZero) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  WatchStream busy(rosa.channel(), WatchFrom(0));
  SubmitReferralResponse response;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response), IsOk());
  ASSERT_TRUE(busy.WaitForEvents(1, absl::Seconds(10)));
  // A second stream that has seen its first event too, on another channel.
  WatchStream other(oslo.channel(), WatchFrom(0));
  ASSERT_TRUE(other.WaitForEvents(1, absl::Seconds(10)));

  const absl::Time start = absl::Now();
  absl::StatusOr<ExitStatus> exit = hub().Terminate(kShutdownLimit);
  const absl::Duration took = absl::Now() - start;
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->success()) << exit->ToString();
  EXPECT_LT(took, kShutdownLimit);

  for (WatchStream* stream : {&busy, &other}) {
    std::optional<grpc::Status> end = stream->WaitForEnd(absl::Seconds(5));
    ASSERT_TRUE(end.has_value()) << "the Watch stream is still open";
    EXPECT_THAT(*end, StatusIs(grpc::StatusCode::UNAVAILABLE));
  }
  EXPECT_EQ(busy.event_count(), 1u);
}

TEST_F(ShutdownTest, CommittedDataSurvivesRestart) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  std::vector<SubmitReferralRequest> requests;
  std::vector<std::string> ids;
  for (const char* recipient : {"ks-oslo", "filemon", "lauras-hus"}) {
    requests.push_back(NewReferralRequest(recipient));
    SubmitReferralResponse response;
    ASSERT_THAT(rosa.Submit(requests.back(), &response), IsOk());
    ids.push_back(response.referral().id());
  }
  ASSERT_THAT(oslo.Move(ids[0], v1::REFERRAL_STATE_RECEIVED), IsOk());

  absl::StatusOr<ExitStatus> exit = hub().Terminate(kShutdownLimit);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->success()) << exit->ToString();
  absl::Status restarted = hub().Restart();
  ASSERT_TRUE(restarted.ok()) << restarted;

  PartnerClient rosa2 = Client("rosa");
  std::vector<Referral> listed;
  ASSERT_THAT(rosa2.ListAll(ListReferralsRequest(), &listed), IsOk());
  ASSERT_THAT(Ids(listed), ElementsAreArray(ids));
  EXPECT_EQ(listed[0].state(), v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(listed[0].version(), 2u);
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(listed[i].person_ref(), requests[i].person_ref());
  }

  // Idempotency keys survive too.
  SubmitReferralResponse replay;
  ASSERT_THAT(rosa2.Submit(requests[1], &replay), IsOk());
  EXPECT_TRUE(replay.replayed());
  EXPECT_EQ(replay.referral().id(), ids[1]);

  // So does the event stream: four events, then the next cursor is 5.
  WatchStream stream(rosa2.channel(), WatchFrom(0));
  ASSERT_TRUE(stream.WaitForEvents(4, absl::Seconds(10)));
  EXPECT_THAT(Cursors(stream.events()), ElementsAre(1, 2, 3, 4));
  SubmitReferralResponse next;
  ASSERT_THAT(rosa2.Submit(NewReferralRequest("ks-oslo"), &next), IsOk());
  ASSERT_TRUE(stream.WaitForEvents(5, absl::Seconds(10)));
  const std::vector<Event> events = stream.events();
  EXPECT_EQ(events[4].cursor(), 5u);
  EXPECT_EQ(events[4].referral().referral().id(), next.referral().id());
}

TEST_F(ShutdownTest, SubmitsDuringShutdownSucceedOrAreUnavailable) {
  // Clients keep submitting while the hub shuts down. Each call either
  // commits (and is there after a restart) or fails with UNAVAILABLE (or
  // CANCELLED); nothing in between.
  std::atomic<bool> stop{false};
  struct Outcome {
    SubmitReferralRequest request;
    grpc::Status status;
  };
  std::vector<std::vector<Outcome>> outcomes(2);
  std::vector<std::thread> threads;
  std::atomic<int> ok_before_term{0};
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      PartnerClient rosa = Client("rosa");
      while (!stop.load()) {
        Outcome o{NewReferralRequest(t == 0 ? "ks-oslo" : "filemon"), {}};
        SubmitReferralResponse response;
        o.status = rosa.Submit(o.request, &response);
        if (o.status.ok()) ok_before_term.fetch_add(1);
        const bool failed = !o.status.ok();
        outcomes[t].push_back(std::move(o));
        if (failed) break;
      }
    });
  }
  // Wait until the load is really running.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (ok_before_term.load() < 10 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_GE(ok_before_term.load(), 10);

  absl::StatusOr<ExitStatus> exit = hub().Terminate(kShutdownLimit);
  stop.store(true);
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->success()) << exit->ToString();

  absl::Status restarted = hub().Restart();
  ASSERT_TRUE(restarted.ok()) << restarted;
  PartnerClient rosa = Client("rosa");
  std::vector<Referral> listed;
  ASSERT_THAT(rosa.ListAll(ListReferralsRequest(), &listed), IsOk());
  std::multiset<std::string> stored;
  for (const Referral& r : listed) stored.insert(r.person_ref());

  size_t committed = 0;
  for (const auto& thread_outcomes : outcomes) {
    for (const Outcome& o : thread_outcomes) {
      const std::string& ref = o.request.person_ref();
      if (o.status.ok()) {
        ++committed;
        EXPECT_EQ(stored.count(ref), 1u) << ref << " was OK'd but is lost";
      } else {
        EXPECT_THAT(o.status, AnyOf(StatusIs(grpc::StatusCode::UNAVAILABLE),
                                    StatusIs(grpc::StatusCode::CANCELLED)));
        EXPECT_LE(stored.count(ref), 1u);
      }
    }
  }
  EXPECT_GE(listed.size(), committed);
  EXPECT_LE(listed.size(), committed + outcomes.size());
}

}  // namespace
}  // namespace rosa::integration
