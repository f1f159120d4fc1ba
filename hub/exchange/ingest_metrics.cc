#include "hub/exchange/ingest_metrics.h"

#include "absl/strings/ascii.h"

namespace rosa {

IngestMetrics::IngestMetrics(metrics::Registry* registry)
    : payloads_(registry->AddCounter(
          "rosa_hub_ingest_payloads_total",
          "Partner payloads (gateway and file drop) by plugin, content type "
          "and outcome",
          {"plugin", "content_type", "outcome"})),
      plugin_errors_(registry->AddCounter(
          "rosa_hub_plugin_errors_total",
          "Plugin calls that failed (error or exception), by operation",
          {"plugin", "operation"})) {}

void IngestMetrics::Payload(std::string_view plugin,
                            std::string_view content_type,
                            const absl::Status& outcome) {
  const std::string result =
      outcome.ok()
          ? "accepted"
          : absl::AsciiStrToLower(absl::StatusCodeToString(outcome.code()));
  payloads_->Add({std::string(plugin.empty() ? "none" : plugin),
                  std::string(content_type), result});
}

void IngestMetrics::PluginError(std::string_view plugin,
                                std::string_view operation) {
  plugin_errors_->Add({std::string(plugin), std::string(operation)});
}

}  // namespace rosa
