// The hub's metrics: the families, and the collectors that refresh gauges
// computed at scrape time (from the database, the PKI directory). Render()
// produces the whole /metrics page in the Prometheus text format.
//
// Example:
//   Registry registry;
//   CounterFamily* rpcs = registry.AddCounter("rosa_hub_rpcs_total", "...",
//                                             {"method", "code"});
//   registry.AddCollector([&] { gauge->Replace(ComputeSeries()); });
//   std::string page = registry.Render();
//
// Thread-safety: add families and collectors before the first Render (at
// start-up, from one thread); afterwards every method may be called from any
// thread. Scrapes are serialized, so a collector runs on one thread at a
// time; a collector must not call Render.
#ifndef ROSA_HUB_METRICS_REGISTRY_H_
#define ROSA_HUB_METRICS_REGISTRY_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "hub/metrics/counter.h"
#include "hub/metrics/gauge.h"
#include "hub/metrics/histogram.h"

namespace rosa::metrics {

class Registry {
 public:
  // The content type of Render()'s page.
  static constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Each returns a family the registry owns; names must be unique (checked,
  // aborts).
  CounterFamily* AddCounter(std::string name, std::string help,
                            std::vector<std::string> label_names = {});
  GaugeFamily* AddGauge(std::string name, std::string help,
                        std::vector<std::string> label_names = {});
  HistogramFamily* AddHistogram(std::string name, std::string help,
                                std::vector<std::string> label_names,
                                std::vector<double> bounds);
  // Runs before every Render, in the order added.
  void AddCollector(std::function<void()> collector);

  // Runs the collectors, then renders every family in the order added.
  std::string Render();

 private:
  template <typename Family>
  Family* Own(std::unique_ptr<Family> family);

  std::mutex mu_;
  std::vector<std::unique_ptr<MetricFamily>> families_ ABSL_GUARDED_BY(mu_);
  std::vector<std::function<void()>> collectors_ ABSL_GUARDED_BY(mu_);
  // Serializes scrapes (collectors and rendering), never held by Add*.
  std::mutex scrape_mu_;
};

}  // namespace rosa::metrics

#endif  // ROSA_HUB_METRICS_REGISTRY_H_
