// A Prometheus counter family: per tuple of label values, a total that only
// goes up (requests served, payloads ingested).
//
// Example:
//   CounterFamily rpcs("rosa_hub_rpcs_total", "RPCs finished",
//                      {"method", "code"});
//   rpcs.Add({"rosa.hub.v1.ReferralService/SubmitReferral", "OK"});
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_METRICS_COUNTER_H_
#define ROSA_HUB_METRICS_COUNTER_H_

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "hub/metrics/metric_family.h"

namespace rosa::metrics {

class CounterFamily : public MetricFamily {
 public:
  // REQUIRES: `name` ends in "_total".
  CounterFamily(std::string name, std::string help,
                std::vector<std::string> label_names = {});

  // Adds `amount` (ignored unless positive) to the series of `values`.
  // REQUIRES: one value per label name.
  void Add(const LabelValues& values, double amount = 1);
  // The series' total; 0 for a series never added to.
  double Value(const LabelValues& values) const;

 protected:
  void RenderSamples(std::string* out) const override;

 private:
  mutable std::mutex mu_;
  std::map<LabelValues, double> totals_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::metrics

#endif  // ROSA_HUB_METRICS_COUNTER_H_
