// Token buckets by key (a partner id): each key may spend `burst` at once
// and gets `rate` back per second, up to `burst`. One home for the hub's
// per-partner budgets: the calls the partner gate admits, the records the
// ingest desk applies.
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_COMMON_TOKEN_BUCKETS_H_
#define ROSA_HUB_COMMON_TOKEN_BUCKETS_H_

#include <map>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"

namespace rosa {

class TokenBuckets {
 public:
  // REQUIRES: `clock` outlives the buckets; rate and burst are positive.
  TokenBuckets(const Clock* clock, double rate, double burst)
      : clock_(clock), rate_(rate), burst_(burst) {}

  // Spends `cost` of `key`'s tokens if it has that many; false (nothing
  // spent) if not. A key starts full. A clock stepped back refills
  // nothing.
  bool Take(const std::string& key, double cost) ABSL_LOCKS_EXCLUDED(mu_);

  double rate() const { return rate_; }
  double burst() const { return burst_; }

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refilled;
  };

  const Clock* const clock_;
  const double rate_;
  const double burst_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_TOKEN_BUCKETS_H_
