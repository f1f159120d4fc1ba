#include "hub/metrics/counter.h"

#include <utility>

namespace rosa::metrics {

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : MetricFamily(std::move(name), std::move(help), "counter",
                   std::move(label_names)) {}

void CounterFamily::Add(const LabelValues& values, double amount) {
  CheckArity(values);
  if (!(amount > 0)) return;
  std::lock_guard<std::mutex> lock(mu_);
  totals_[values] += amount;
}

double CounterFamily::Value(const LabelValues& values) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = totals_.find(values);
  return it == totals_.end() ? 0 : it->second;
}

void CounterFamily::RenderSamples(std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [values, total] : totals_) {
    AppendSample(out, "", values, "", "", total);
  }
}

}  // namespace rosa::metrics
