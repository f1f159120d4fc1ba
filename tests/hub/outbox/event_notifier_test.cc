#include "hub/outbox/event_notifier.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(EventNotifierTest, NotifiesOnlyTheListenersOfThatPartner) {
  EventNotifier notifier;
  int oslo1 = 0, oslo2 = 0, bergen = 0;
  const uint64_t h1 = notifier.Subscribe("ks-oslo", [&] { ++oslo1; });
  const uint64_t h2 = notifier.Subscribe("ks-oslo", [&] { ++oslo2; });
  const uint64_t h3 = notifier.Subscribe("ks-bergen", [&] { ++bergen; });
  EXPECT_NE(h1, h2);
  EXPECT_NE(h2, h3);
  EXPECT_NE(h1, h3);

  notifier.Notify("ks-oslo");
  EXPECT_EQ(oslo1, 1);
  EXPECT_EQ(oslo2, 1);
  EXPECT_EQ(bergen, 0);
  notifier.Notify("ks-bergen");
  notifier.Notify("ks-bergen");
  EXPECT_EQ(oslo1, 1);
  EXPECT_EQ(bergen, 2);
  notifier.Notify("nobody");
  notifier.Notify("ks-osl");  // No prefix matching.
  EXPECT_EQ(oslo1 + oslo2 + bergen, 4);
}

TEST(EventNotifierTest, UnsubscribeStopsCalls) {
  EventNotifier notifier;
  int first = 0, second = 0;
  const uint64_t h1 = notifier.Subscribe("p", [&] { ++first; });
  notifier.Subscribe("p", [&] { ++second; });
  notifier.Notify("p");
  notifier.Unsubscribe(h1);
  notifier.Notify("p");
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  // Unknown and repeated handles are harmless.
  notifier.Unsubscribe(h1);
  notifier.Unsubscribe(987654);
  notifier.Notify("p");
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 3);
}

TEST(EventNotifierTest, SubscribingSamePartnerTwiceGivesTwoListeners) {
  EventNotifier notifier;
  int calls = 0;
  const uint64_t a = notifier.Subscribe("p", [&] { ++calls; });
  const uint64_t b = notifier.Subscribe("p", [&] { ++calls; });
  notifier.Notify("p");
  EXPECT_EQ(calls, 2);
  notifier.Unsubscribe(b);
  notifier.Notify("p");
  EXPECT_EQ(calls, 3);
  notifier.Unsubscribe(a);
  notifier.Notify("p");
  EXPECT_EQ(calls, 3);
}

// Once Unsubscribe returns, the listener must not be running and must never
// run again, even while another thread is notifying.
TEST(EventNotifierTest, ListenerNeverRunsAfterUnsubscribeReturns) {
  constexpr int kRounds = 150;
  EventNotifier notifier;
  std::atomic<bool> stop{false};
  std::thread notifying([&] {
    while (!stop.load()) {
      notifier.Notify("p");
      std::this_thread::yield();
    }
  });

  struct State {
    std::atomic<int> calls{0};
    std::atomic<int> running{0};
    std::atomic<bool> gone{false};
    std::atomic<int> violations{0};
  };
  int overlapping_rounds = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto state = std::make_shared<State>();
    const uint64_t handle = notifier.Subscribe("p", [state] {
      state->running.fetch_add(1);
      if (state->gone.load()) ++state->violations;
      state->calls.fetch_add(1);
      // Stay a little while, so that Unsubscribe races a running listener.
      const auto until =
          std::chrono::steady_clock::now() + std::chrono::microseconds(100);
      while (std::chrono::steady_clock::now() < until) {
        if (state->gone.load()) ++state->violations;
      }
      state->running.fetch_sub(1);
    });
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (state->calls.load() == 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    if (state->calls.load() > 0) ++overlapping_rounds;
    notifier.Unsubscribe(handle);
    EXPECT_EQ(state->running.load(), 0)
        << "round " << round << ": listener still running after Unsubscribe";
    state->gone.store(true);
    const int calls_at_unsubscribe = state->calls.load();
    std::this_thread::sleep_for(std::chrono::microseconds(300));
    EXPECT_EQ(state->violations.load(), 0)
        << "round " << round << ": listener ran after Unsubscribe";
    EXPECT_EQ(state->calls.load(), calls_at_unsubscribe) << "round " << round;
  }
  stop.store(true);
  notifying.join();
  EXPECT_EQ(overlapping_rounds, kRounds);
}

}  // namespace
}  // namespace rosa
