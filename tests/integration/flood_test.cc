// Flood test against the real hub process: 2 000 idle Watch streams of one
// partner, opened from this one test process over several connections.
// Every commit for that partner wakes all of them; a submit must still
// complete promptly (the wake-ups run off the store's writer thread), and
// every stream must still get every event.
#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;

constexpr int kStreams = 2000;
constexpr int kConnections = 10;
// A generous bound: this checks that commits are not held up, it is not a
// benchmark.
constexpr absl::Duration kPrompt = absl::Seconds(5);

// What the streams have seen, for the test to wait on.
class Tally {
 public:
  explicit Tally(int streams) : cursors_(streams, 0) {}

  void Saw(int stream, uint64_t cursor) {
    std::lock_guard<std::mutex> lock(mu_);
    cursors_[stream] = std::max(cursors_[stream], cursor);
    changed_.notify_all();
  }
  void Ended(const grpc::Status& status) {
    std::lock_guard<std::mutex> lock(mu_);
    ++ended_;
    if (!first_end_.has_value()) first_end_ = status;
    changed_.notify_all();
  }

  // Waits until every stream has seen `cursor`; false on timeout or when
  // a stream ended first.
  bool WaitAllAt(uint64_t cursor, absl::Duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return changed_.wait_for(lock, absl::ToChronoSeconds(timeout), [&] {
      if (ended_ > 0) return true;
      for (uint64_t c : cursors_) {
        if (c < cursor) return false;
      }
      return true;
    }) && ended_ == 0;
  }
  bool WaitAllEnded(absl::Duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return changed_.wait_for(lock, absl::ToChronoSeconds(timeout), [&] {
      return ended_ == static_cast<int>(cursors_.size());
    });
  }
  int AtLeast(uint64_t cursor) {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (uint64_t c : cursors_) n += c >= cursor ? 1 : 0;
    return n;
  }
  std::optional<grpc::Status> first_end() {
    std::lock_guard<std::mutex> lock(mu_);
    return first_end_;
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<uint64_t> cursors_;          // Guarded by mu_.
  int ended_ = 0;                          // Guarded by mu_.
  std::optional<grpc::Status> first_end_;  // Guarded by mu_.
};

// One Watch stream on gRPC's callback API: no thread of its own, so a test
// process can hold thousands.
class IdleWatch final : public grpc::ClientReadReactor<v1::Event> {
 public:
  IdleWatch(v1::EventService::Stub& stub, int index, Tally* tally)
      : index_(index), tally_(tally) {
    request_.set_after_cursor(0);
    stub.async()->Watch(&context_, &request_, this);
    StartRead(&event_);
    StartCall();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // OnDone follows.
    tally_->Saw(index_, event_.cursor());
    StartRead(&event_);
  }
  void OnDone(const grpc::Status& status) override { tally_->Ended(status); }
  void Cancel() { context_.TryCancel(); }

 private:
  const int index_;
  Tally* const tally_;
  grpc::ClientContext context_;
  v1::WatchRequest request_;
  v1::Event event_;
};

class FloodTest : public HubTest {
 protected:
  void SetUp() override {
    HubOptions options;
    // Room for the flood: one partner's 2 000 streams, 200 per connection,
    // all opened at once.
    options.extra_args = {"--partner-streams",    "2100",
                          "--partner-burst",      "5000",
                          "--connection-streams", "250"};
    auto hub = HubProcess::Start(options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
  }

  // Submits a placement as `client`; how long it took.
  absl::Duration TimedSubmit(PartnerClient& client) {
    const absl::Time start = absl::Now();
    v1::SubmitReferralResponse response;
    EXPECT_THAT(client.Submit(NewReferralRequest("ks-oslo"), &response),
                IsOk());
    return absl::Now() - start;
  }
};

TEST_F(FloodTest, SubmitStaysPromptWithThousandsOfIdleStreams) {
  PartnerClient rosa = Client("rosa");
  ASSERT_LT(TimedSubmit(rosa), kPrompt);  // ROSA's event 1.

  // Separate connections: channels with equal arguments would share one.
  std::vector<std::unique_ptr<v1::EventService::Stub>> stubs;
  for (int c = 0; c < kConnections; ++c) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    stubs.push_back(v1::EventService::NewStub(
        PartnerChannel(hub().port(), hub().pki_dir(), "rosa", args)));
  }
  Tally tally(kStreams);
  std::vector<std::unique_ptr<IdleWatch>> streams;
  for (int i = 0; i < kStreams; ++i) {
    streams.push_back(
        std::make_unique<IdleWatch>(*stubs[i % kConnections], i, &tally));
  }
  // Every stream is open at the hub once it has delivered event 1.
  ASSERT_TRUE(tally.WaitAllAt(1, absl::Seconds(120)))
      << tally.AtLeast(1) << " of " << kStreams << " streams live; first end "
      << (tally.first_end().has_value() ? StatusText(*tally.first_end())
                                        : "none");

  // Each submit wakes all 2 000; the next one must not wait for that.
  for (int round = 0; round < 3; ++round) {
    EXPECT_LT(TimedSubmit(rosa), kPrompt) << "round " << round;
  }
  // And every stream gets every event.
  EXPECT_TRUE(tally.WaitAllAt(4, absl::Seconds(120)))
      << tally.AtLeast(4) << " of " << kStreams << " streams at cursor 4";

  for (auto& stream : streams) stream->Cancel();
  ASSERT_TRUE(tally.WaitAllEnded(absl::Seconds(60)));
}

}  // namespace
}  // namespace rosa::integration
