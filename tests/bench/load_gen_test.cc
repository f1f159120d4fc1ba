// The load generator's bookkeeping without timing: percentiles by nearest
// rank over all samples, and that every call is counted, failures included.
#include "tests/bench/load_gen.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace rosa::bench {
namespace {

TEST(SamplesTest, PercentilesAreNearestRankOverAllSamples) {
  Samples s;
  for (int i = 1; i <= 100; ++i) s.nanos.push_back(i * 1000);
  EXPECT_DOUBLE_EQ(s.PercentileMicros(0.5), 50);
  EXPECT_DOUBLE_EQ(s.PercentileMicros(0.99), 99);
  EXPECT_DOUBLE_EQ(s.PercentileMicros(1.0), 100);
  EXPECT_DOUBLE_EQ(s.PercentileMicros(0.0), 1);
  EXPECT_DOUBLE_EQ(Samples().PercentileMicros(0.5), 0);
}

TEST(LoadGenTest, ClosedLoopCountsEveryFailure) {
  // Calls that end at once, every third one failing.
  LoadResult r = RunClosedLoop({.name = "t",
                                .warmup = absl::ZeroDuration(),
                                .duration = absl::Milliseconds(50)},
                               4, [](int64_t seq, int64_t, CallDone done) {
                                 done(seq % 3 == 0 ? "failed" : "");
                               });
  EXPECT_GT(r.calls, 0);
  EXPECT_GT(r.errors, 0);
  EXPECT_EQ(r.first_error, "failed");
  EXPECT_EQ(r.in_flight, 4);
  EXPECT_EQ(static_cast<int64_t>(r.latency.nanos.size()), r.calls);
}

TEST(LoadGenTest, OpenLoopStartsCallsOnSchedule) {
  int64_t started = 0;
  LoadResult r = RunOpenLoop({.name = "t",
                              .warmup = absl::ZeroDuration(),
                              .duration = absl::Milliseconds(100)},
                             100, [&started](int64_t, int64_t, CallDone done) {
                               ++started;
                               done("");
                             });
  // 100/s for 0.1 s: calls due at 0, 10, ..., 90 ms.
  EXPECT_EQ(started, 10);
  EXPECT_EQ(r.calls, 10);
  EXPECT_EQ(r.errors, 0);
}

// Each call ends on a thread of its own, which lets go of its `done` some
// time after calling it, as gRPC's callback threads do with a closure.
class LateRelease {
 public:
  ~LateRelease() {
    std::vector<std::thread> threads;
    {
      absl::MutexLock lock(&mu_);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
  }
  StartCall Start() {
    return [this](int64_t, int64_t, CallDone done) {
      ++started_;
      absl::MutexLock lock(&mu_);
      threads_.emplace_back([this, done = std::move(done)]() mutable {
        absl::SleepFor(absl::Milliseconds(1));  // A call takes some time.
        done("");
        absl::SleepFor(absl::Milliseconds(20));
        ++released_;
        done = nullptr;  // The closure goes here, after `released_`.
      });
    };
  }
  // What a call's `done` holds may be a stub and its channel, which must
  // not be released last on another thread (load_gen.cc, OpenCall): when
  // Run* return, every call started has let go of its `done`.
  void ExpectEveryDoneReleased() const {
    EXPECT_GT(started_.load(), 0);
    EXPECT_EQ(released_.load(), started_.load());
  }

 private:
  std::atomic<int> started_{0};
  std::atomic<int> released_{0};
  absl::Mutex mu_;
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
};

LoadSpec ShortRun() {
  return {.name = "t",
          .warmup = absl::ZeroDuration(),
          .duration = absl::Milliseconds(30)};
}

TEST(LoadGenTest, ClosedLoopReturnsOnlyWhenEveryDoneIsReleased) {
  LateRelease calls;
  RunClosedLoop(ShortRun(), 2, calls.Start());
  calls.ExpectEveryDoneReleased();
}

TEST(LoadGenTest, OpenLoopReturnsOnlyWhenEveryDoneIsReleased) {
  LateRelease calls;
  RunOpenLoop(ShortRun(), 100, calls.Start());
  calls.ExpectEveryDoneReleased();
}

}  // namespace
}  // namespace rosa::bench
