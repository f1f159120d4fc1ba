#include "tests/bench/load_gen.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"

namespace rosa::bench {

int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

int64_t NowNanos() { return MonotonicNanos(); }

// The outcome of every call of one run. A call counts in the measuring
// window when its window time (closed loop: its end; open loop: its
// scheduled start) lies in [begin, end).
class Tally {
 public:
  Tally(int64_t begin, int64_t end) : begin_(begin), end_(end) {}

  void Record(int64_t window_time, int64_t latency, const std::string& error) {
    absl::MutexLock lock(&mu_);
    if (!error.empty()) {
      if (errors_++ == 0) first_error_ = error;
      return;
    }
    if (window_time < begin_ || window_time >= end_) return;
    samples_.push_back(latency);
  }
  void AddErrors(int64_t n, const std::string& error) {
    absl::MutexLock lock(&mu_);
    if (n > 0 && errors_ == 0) first_error_ = error;
    errors_ += n;
  }
  void Open() {
    absl::MutexLock lock(&mu_);
    ++open_;
  }
  void Close() {
    absl::MutexLock lock(&mu_);
    --open_;
  }
  // Waits until no call is open or `timeout` passed; the calls still open.
  int64_t AwaitClosed(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto closed = [this]()
                      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return open_ == 0; };
    mu_.AwaitWithTimeout(absl::Condition(&closed), timeout);
    return open_;
  }

  LoadResult Finish(const LoadSpec& spec) {
    absl::MutexLock lock(&mu_);
    LoadResult result;
    result.name = spec.name;
    result.seconds = (end_ - begin_) / 1e9;
    result.calls = static_cast<int64_t>(samples_.size());
    result.errors = errors_;
    result.first_error = first_error_;
    std::sort(samples_.begin(), samples_.end());
    result.latency.nanos = std::move(samples_);
    return result;
  }

 private:
  const int64_t begin_;
  const int64_t end_;
  absl::Mutex mu_;
  std::vector<int64_t> samples_ ABSL_GUARDED_BY(mu_);
  int64_t errors_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t open_ ABSL_GUARDED_BY(mu_) = 0;
  std::string first_error_ ABSL_GUARDED_BY(mu_);
};

constexpr absl::Duration kDrainTimeout = absl::Seconds(30);

// One call counted open from its start until the closure its `done` lives
// in is destroyed, not merely called: what that closure holds (the run's
// StartCall, with a stub and its channel) must never be released last on
// one of gRPC's callback threads. A grpc::Channel whose last reference goes
// there releases the callback queue that thread is polling, from inside
// it, and the thread then aborts on the freed queue ("assertion failed:
// prior > 0" in grpc_cq_internal_unref, seen in CI). So Run* return only
// after every closure is gone, and the caller then releases its channels
// on its own thread. `keep` (the closed loop's slot) is released before
// the call counts closed. Shared by the copies of the closure: a CallDone
// must be copyable.
class OpenCall {
 public:
  OpenCall(std::shared_ptr<Tally> tally, std::shared_ptr<void> keep)
      : tally_(std::move(tally)), keep_(std::move(keep)) {
    tally_->Open();
  }
  ~OpenCall() {
    keep_.reset();
    tally_->Close();
  }
  OpenCall(const OpenCall&) = delete;
  OpenCall& operator=(const OpenCall&) = delete;

  Tally& tally() { return *tally_; }

 private:
  const std::shared_ptr<Tally> tally_;
  std::shared_ptr<void> keep_;
};

// One closed-loop slot: starts a call, and from its answer the next one
// until `stop`.
struct ClosedLoop : std::enable_shared_from_this<ClosedLoop> {
  ClosedLoop(StartCall s, std::shared_ptr<Tally> t, int64_t end)
      : start(std::move(s)), tally(std::move(t)), stop(end) {}
  const StartCall start;
  const std::shared_ptr<Tally> tally;
  const int64_t stop;
  std::atomic<int64_t> seq{0};

  // Starts the next call. A call that completes inside `start` (on the
  // calling thread, as a test's calls do) has its successor started by the
  // loop below rather than by recursion, which would grow the stack by one
  // frame per call of the window.
  void Launch() {
    thread_local std::vector<std::shared_ptr<ClosedLoop>>* queue = nullptr;
    if (queue != nullptr) {
      queue->push_back(shared_from_this());
      return;
    }
    std::vector<std::shared_ptr<ClosedLoop>> pending = {shared_from_this()};
    queue = &pending;
    while (!pending.empty()) {
      std::shared_ptr<ClosedLoop> next = std::move(pending.back());
      pending.pop_back();
      next->StartOne();
    }
    queue = nullptr;
  }

 private:
  void StartOne() {
    auto open = std::make_shared<OpenCall>(tally, shared_from_this());
    const int64_t began = NowNanos();
    start(seq.fetch_add(1), began, [this, open, began](const std::string& e) {
      const int64_t ended = NowNanos();
      open->tally().Record(ended, ended - began, e);
      // `this` lives as long as `open` (its `keep`).
      if (ended < stop) Launch();
    });
  }
};

}  // namespace

double Samples::PercentileMicros(double q) const {
  if (nanos.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(q * nanos.size()));
  rank = std::clamp<size_t>(rank, 1, nanos.size());
  return nanos[rank - 1] / 1e3;
}

LoadResult RunClosedLoop(const LoadSpec& spec, int in_flight,
                         const StartCall& start) {
  const int64_t t0 = NowNanos();
  const int64_t begin = t0 + absl::ToInt64Nanoseconds(spec.warmup);
  const int64_t end = begin + absl::ToInt64Nanoseconds(spec.duration);
  auto tally = std::make_shared<Tally>(begin, end);
  auto loop = std::make_shared<ClosedLoop>(start, tally, end);
  for (int i = 0; i < in_flight; ++i) loop->Launch();
  absl::SleepFor(absl::Nanoseconds(end - NowNanos()));
  const int64_t stuck = tally->AwaitClosed(kDrainTimeout);
  tally->AddErrors(stuck, "calls still open 30 s after the window");
  LoadResult result = tally->Finish(spec);
  result.in_flight = in_flight;
  return result;
}

LoadResult RunOpenLoop(const LoadSpec& spec, double rate,
                       const StartCall& start) {
  const int64_t t0 = NowNanos();
  const int64_t begin = t0 + absl::ToInt64Nanoseconds(spec.warmup);
  const int64_t end = begin + absl::ToInt64Nanoseconds(spec.duration);
  auto tally = std::make_shared<Tally>(begin, end);
  const double period = 1e9 / rate;
  for (int64_t i = 0;; ++i) {
    const int64_t scheduled = t0 + static_cast<int64_t>(i * period);
    if (scheduled >= end) break;
    const int64_t wait = scheduled - NowNanos();
    if (wait > 0) absl::SleepFor(absl::Nanoseconds(wait));
    auto open = std::make_shared<OpenCall>(tally, nullptr);
    start(i, scheduled, [open, scheduled](const std::string& e) {
      const int64_t ended = NowNanos();
      open->tally().Record(scheduled, ended - scheduled, e);
    });
  }
  const int64_t stuck = tally->AwaitClosed(kDrainTimeout);
  tally->AddErrors(stuck, "calls still open 30 s after the window");
  LoadResult result = tally->Finish(spec);
  result.offered_rate = rate;
  return result;
}

std::string Describe(const LoadResult& r) {
  return absl::StrFormat(
      "%-34s %s %9.0f calls/s  p50 %8.1f us  p99 %8.1f us  n %7d  errors %d%s",
      r.name,
      r.in_flight > 0 ? absl::StrFormat("K=%-4d", r.in_flight)
                      : absl::StrFormat("%4.0f/s", r.offered_rate),
      r.CallsPerSecond(), r.latency.PercentileMicros(0.5),
      r.latency.PercentileMicros(0.99), r.calls, r.errors,
      r.errors > 0 ? absl::StrCat(" (first: ", r.first_error, ")") : "");
}

}  // namespace rosa::bench
