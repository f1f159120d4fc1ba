#include "hub/metrics/histogram.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace rosa::metrics {

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : MetricFamily(std::move(name), std::move(help), "histogram",
                   std::move(label_names)),
      bounds_(std::move(bounds)) {
  bool ok = !bounds_.empty();
  for (size_t i = 1; i < bounds_.size(); ++i) {
    ok = ok && bounds_[i - 1] < bounds_[i];
  }
  for (const std::string& label : this->label_names()) {
    ok = ok && label != "le";
  }
  if (!ok) {
    std::fprintf(stderr, "histogram %s: bad bounds or labels\n",
                 this->name().c_str());
    std::abort();
  }
}

std::vector<double> HistogramFamily::LatencySeconds() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,  0.5,    1,     2.5,  5,     10};
}

std::vector<double> HistogramFamily::PowersOfTwo() {
  return {1, 2, 4, 8, 16, 32, 64, 128, 256};
}

void HistogramFamily::Observe(const LabelValues& values, double value) {
  CheckArity(values);
  // The first bound the value does not exceed; past the last: +Inf only.
  const size_t index = static_cast<size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), value) -
      bounds_.begin());
  std::lock_guard<std::mutex> lock(mu_);
  Series& s = series_[values];
  if (s.buckets.empty()) s.buckets.assign(bounds_.size(), 0);
  if (index < bounds_.size()) ++s.buckets[index];
  ++s.count;
  s.sum += value;
}

uint64_t HistogramFamily::Count(const LabelValues& values) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second.count;
}

void HistogramFamily::RenderSamples(std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [values, s] : series_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < bounds_.size(); ++i) {
      cumulative += s.buckets[i];
      AppendSample(out, "_bucket", values, "le",
                   FormatSampleValue(bounds_[i]),
                   static_cast<double>(cumulative));
    }
    AppendSample(out, "_bucket", values, "le", "+Inf",
                 static_cast<double>(s.count));
    AppendSample(out, "_sum", values, "", "", s.sum);
    AppendSample(out, "_count", values, "", "", static_cast<double>(s.count));
  }
}

}  // namespace rosa::metrics
