// A Prometheus gauge family: per tuple of label values, a value that goes
// up and down (open streams, outbox backlog, days a certificate has left).
// Gauges computed at scrape time are Replace()d as a whole, so a series
// that no longer exists (a removed partner) disappears.
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_METRICS_GAUGE_H_
#define ROSA_HUB_METRICS_GAUGE_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "hub/metrics/metric_family.h"

namespace rosa::metrics {

class GaugeFamily : public MetricFamily {
 public:
  GaugeFamily(std::string name, std::string help,
              std::vector<std::string> label_names = {});

  // REQUIRES for all: one value per label name.
  void Set(const LabelValues& values, double value);
  void Add(const LabelValues& values, double amount);
  // Replaces every series by `series` at once.
  void Replace(std::map<LabelValues, double> series);
  std::optional<double> Value(const LabelValues& values) const;

 protected:
  void RenderSamples(std::string* out) const override;

 private:
  mutable std::mutex mu_;
  std::map<LabelValues, double> values_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::metrics

#endif  // ROSA_HUB_METRICS_GAUGE_H_
