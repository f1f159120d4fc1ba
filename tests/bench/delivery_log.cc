#include "tests/bench/delivery_log.h"

#include <algorithm>

namespace rosa::bench {

void DeliveryLog::Sent(const std::string& key, int64_t due) {
  absl::MutexLock lock(&mu_);
  pending_[key] = due;
}

bool DeliveryLog::Seen(const std::string& key) {
  const int64_t now = MonotonicNanos();
  absl::MutexLock lock(&mu_);
  auto it = pending_.find(key);
  if (it == pending_.end()) return false;
  delivered_.push_back({it->second, now});
  pending_.erase(it);
  return true;
}

int64_t DeliveryLog::AwaitAll(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto done = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return pending_.empty();
  };
  mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
  return static_cast<int64_t>(pending_.size());
}

void DeliveryLog::Clear() {
  absl::MutexLock lock(&mu_);
  pending_.clear();
  delivered_.clear();
}

LoadResult DeliveryLog::Window(std::string name, int64_t begin, int64_t end) {
  absl::MutexLock lock(&mu_);
  LoadResult r;
  r.name = std::move(name);
  r.seconds = (end - begin) / 1e9;
  for (const auto& [due, seen] : delivered_) {
    if (due >= begin && due < end) r.latency.nanos.push_back(seen - due);
  }
  std::sort(r.latency.nanos.begin(), r.latency.nanos.end());
  r.calls = static_cast<int64_t>(r.latency.nanos.size());
  delivered_.clear();
  return r;
}

}  // namespace rosa::bench
