#include "hub/metrics/registry.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace rosa::metrics {

template <typename Family>
Family* Registry::Own(std::unique_ptr<Family> family) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& existing : families_) {
    if (existing->name() == family->name()) {
      std::fprintf(stderr, "metric %s registered twice\n",
                   family->name().c_str());
      std::abort();
    }
  }
  Family* raw = family.get();
  families_.push_back(std::move(family));
  return raw;
}

CounterFamily* Registry::AddCounter(std::string name, std::string help,
                                    std::vector<std::string> label_names) {
  return Own(std::make_unique<CounterFamily>(std::move(name), std::move(help),
                                             std::move(label_names)));
}

GaugeFamily* Registry::AddGauge(std::string name, std::string help,
                                std::vector<std::string> label_names) {
  return Own(std::make_unique<GaugeFamily>(std::move(name), std::move(help),
                                           std::move(label_names)));
}

HistogramFamily* Registry::AddHistogram(std::string name, std::string help,
                                        std::vector<std::string> label_names,
                                        std::vector<double> bounds) {
  return Own(std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), std::move(label_names),
      std::move(bounds)));
}

void Registry::AddCollector(std::function<void()> collector) {
  std::lock_guard<std::mutex> lock(mu_);
  collectors_.push_back(std::move(collector));
}

std::string Registry::Render() {
  std::lock_guard<std::mutex> scrape(scrape_mu_);
  std::vector<std::function<void()>> collectors;
  {
    std::lock_guard<std::mutex> lock(mu_);
    collectors = collectors_;
  }
  for (const auto& collect : collectors) collect();
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& family : families_) family->Render(&out);
  return out;
}

}  // namespace rosa::metrics
