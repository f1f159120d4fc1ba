// Counts of partner payloads by outcome, and of plugin failures, for the
// hub's metrics: rosa_hub_ingest_payloads_total{plugin, content_type,
// outcome} and rosa_hub_plugin_errors_total{plugin, operation}. Labels are
// bounded: the plugin is a registry name, the content type one the plugin's
// manifest declares (anything else counts as "unsupported"), the outcome
// "accepted" or a status code name in lower case.
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_EXCHANGE_INGEST_METRICS_H_
#define ROSA_HUB_EXCHANGE_INGEST_METRICS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "hub/metrics/registry.h"

namespace rosa {

class IngestMetrics {
 public:
  // REQUIRES: `registry` outlives this.
  explicit IngestMetrics(metrics::Registry* registry);

  // One payload's outcome. `content_type` must already be bounded (a
  // manifest entry or "unsupported").
  void Payload(std::string_view plugin, std::string_view content_type,
               const absl::Status& outcome);
  // The plugin failed (returned an error or threw) on `operation`
  // ("decode", "encode").
  void PluginError(std::string_view plugin, std::string_view operation);

 private:
  metrics::CounterFamily* const payloads_;
  metrics::CounterFamily* const plugin_errors_;
};

}  // namespace rosa

#endif  // ROSA_HUB_EXCHANGE_INGEST_METRICS_H_
