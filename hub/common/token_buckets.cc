#include "hub/common/token_buckets.h"

#include <algorithm>

namespace rosa {

bool TokenBuckets::Take(const std::string& key, double cost) {
  const absl::Time now = clock_->Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, fresh] = buckets_.try_emplace(key);
  Bucket& bucket = it->second;
  if (fresh) {
    bucket.tokens = burst_;
  } else {
    const double elapsed =
        std::max(0.0, absl::ToDoubleSeconds(now - bucket.refilled));
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
  }
  bucket.refilled = now;
  if (bucket.tokens < cost) return false;
  bucket.tokens -= cost;
  return true;
}

}  // namespace rosa
