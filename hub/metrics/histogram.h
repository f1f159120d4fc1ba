// A Prometheus histogram family: per tuple of label values, counts of
// observations at or below each bucket bound, their sum and count (RPC
// latency, group-commit batch size, commit latency).
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_METRICS_HISTOGRAM_H_
#define ROSA_HUB_METRICS_HISTOGRAM_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "hub/metrics/metric_family.h"

namespace rosa::metrics {

class HistogramFamily : public MetricFamily {
 public:
  // REQUIRES: `bounds` strictly increasing and finite; no label is "le".
  HistogramFamily(std::string name, std::string help,
                  std::vector<std::string> label_names,
                  std::vector<double> bounds);

  // Latency bounds in seconds, 0.5 ms to 10 s.
  static std::vector<double> LatencySeconds();
  // Powers of two, 1 to 256 (group-commit batch sizes).
  static std::vector<double> PowersOfTwo();

  // REQUIRES: one value per label name.
  void Observe(const LabelValues& values, double value);
  // Observations of the series so far.
  uint64_t Count(const LabelValues& values) const;

 protected:
  void RenderSamples(std::string* out) const override;

 private:
  struct Series {
    std::vector<uint64_t> buckets;  // Not cumulative; one per bound.
    uint64_t count = 0;
    double sum = 0;
  };

  const std::vector<double> bounds_;
  mutable std::mutex mu_;
  std::map<LabelValues, Series> series_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::metrics

#endif  // ROSA_HUB_METRICS_HISTOGRAM_H_
