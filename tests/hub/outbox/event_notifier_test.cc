#include "hub/outbox/event_notifier.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

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
  notifier.WaitIdle();
  EXPECT_EQ(oslo1, 1);
  EXPECT_EQ(oslo2, 1);
  EXPECT_EQ(bergen, 0);
  notifier.Notify("ks-bergen");
  notifier.WaitIdle();
  notifier.Notify("ks-bergen");
  notifier.WaitIdle();
  EXPECT_EQ(oslo1, 1);
  EXPECT_EQ(bergen, 2);
  notifier.Notify("nobody");
  notifier.WaitIdle();
  notifier.Notify("ks-osl");  // No prefix matching.
  notifier.WaitIdle();
  EXPECT_EQ(oslo1 + oslo2 + bergen, 4);
}

TEST(EventNotifierTest, UnsubscribeStopsCalls) {
  EventNotifier notifier;
  int first = 0, second = 0;
  const uint64_t h1 = notifier.Subscribe("p", [&] { ++first; });
  notifier.Subscribe("p", [&] { ++second; });
  notifier.Notify("p");
  notifier.WaitIdle();
  notifier.Unsubscribe(h1);
  notifier.Notify("p");
  notifier.WaitIdle();
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  // Unknown and repeated handles are harmless.
  notifier.Unsubscribe(h1);
  notifier.Unsubscribe(987654);
  notifier.Notify("p");
  notifier.WaitIdle();
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 3);
}

TEST(EventNotifierTest, SubscribingSamePartnerTwiceGivesTwoListeners) {
  EventNotifier notifier;
  int calls = 0;
  const uint64_t a = notifier.Subscribe("p", [&] { ++calls; });
  const uint64_t b = notifier.Subscribe("p", [&] { ++calls; });
  notifier.Notify("p");
  notifier.WaitIdle();
  EXPECT_EQ(calls, 2);
  notifier.Unsubscribe(b);
  notifier.Notify("p");
  notifier.WaitIdle();
  EXPECT_EQ(calls, 3);
  notifier.Unsubscribe(a);
  notifier.Notify("p");
  notifier.WaitIdle();
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

// Notify runs on the store's writer thread after every commit: it must
// return at once even while a listener is slow, and never run a listener
// itself.
TEST(EventNotifierTest, NotifyNeverWaitsForAListener) {
  EventNotifier notifier;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> calls{0};
  std::atomic<bool> ran_on_notifying_thread{false};
  std::atomic<std::thread::id> notifying_thread;
  const uint64_t handle = notifier.Subscribe("p", [&, released] {
    if (std::this_thread::get_id() == notifying_thread.load()) {
      ran_on_notifying_thread.store(true);
    }
    ++calls;
    released.wait();
  });
  std::promise<void> notified;
  std::thread writer([&] {
    notifying_thread.store(std::this_thread::get_id());
    for (int i = 0; i < 1000; ++i) notifier.Notify("p");
    notified.set_value();
  });
  const bool returned =
      notified.get_future().wait_for(std::chrono::seconds(5)) ==
      std::future_status::ready;
  EXPECT_TRUE(returned) << "Notify waited for a blocked listener";
  release.set_value();
  writer.join();
  notifier.WaitIdle();
  notifier.Unsubscribe(handle);
  EXPECT_FALSE(ran_on_notifying_thread.load());
  // Coalesced while the listener was busy: far fewer calls than notifies,
  // but at least one after the last Notify.
  EXPECT_GE(calls.load(), 1);
  EXPECT_LT(calls.load(), 1000);
}

// Listeners run without the notifier's lock: one may subscribe another
// listener and notify again without deadlock.
TEST(EventNotifierTest, ListenersMaySubscribeAndNotify) {
  EventNotifier notifier;
  std::atomic<int> inner_calls{0};
  std::atomic<uint64_t> inner{0};
  std::atomic<bool> once{false};
  const uint64_t outer = notifier.Subscribe("p", [&] {
    if (once.exchange(true)) return;
    inner.store(notifier.Subscribe("q", [&] { ++inner_calls; }));
    notifier.Notify("q");
  });
  notifier.Notify("p");
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (inner_calls.load() == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(inner_calls.load(), 1);
  notifier.Unsubscribe(outer);
  notifier.Unsubscribe(inner.load());
}

// Thousands of listeners of one partner: every one is called after a
// Notify, and Notify itself stays cheap.
TEST(EventNotifierTest, WakesThousandsOfListeners) {
  constexpr int kListeners = 5000;
  EventNotifier notifier;
  std::atomic<int> calls{0};
  std::vector<uint64_t> handles;
  for (int i = 0; i < kListeners; ++i) {
    handles.push_back(notifier.Subscribe("rosa", [&] { ++calls; }));
  }
  const auto start = std::chrono::steady_clock::now();
  notifier.Notify("rosa");
  const auto took = std::chrono::steady_clock::now() - start;
  notifier.WaitIdle();
  EXPECT_EQ(calls.load(), kListeners);
  EXPECT_LT(took, std::chrono::milliseconds(50));
  for (uint64_t h : handles) notifier.Unsubscribe(h);
  notifier.Notify("rosa");
  notifier.WaitIdle();
  EXPECT_EQ(calls.load(), kListeners);
}

}  // namespace
}  // namespace rosa
