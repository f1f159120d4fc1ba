#include "hub/metrics/gauge.h"

#include <utility>

namespace rosa::metrics {

GaugeFamily::GaugeFamily(std::string name, std::string help,
                         std::vector<std::string> label_names)
    : MetricFamily(std::move(name), std::move(help), "gauge",
                   std::move(label_names)) {}

void GaugeFamily::Set(const LabelValues& values, double value) {
  CheckArity(values);
  std::lock_guard<std::mutex> lock(mu_);
  values_[values] = value;
}

void GaugeFamily::Add(const LabelValues& values, double amount) {
  CheckArity(values);
  std::lock_guard<std::mutex> lock(mu_);
  values_[values] += amount;
}

void GaugeFamily::Replace(std::map<LabelValues, double> series) {
  for (const auto& entry : series) CheckArity(entry.first);
  std::lock_guard<std::mutex> lock(mu_);
  values_ = std::move(series);
}

std::optional<double> GaugeFamily::Value(const LabelValues& values) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = values_.find(values);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void GaugeFamily::RenderSamples(std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [values, value] : values_) {
    AppendSample(out, "", values, "", "", value);
  }
}

}  // namespace rosa::metrics
