#include "hub/metrics/metric_family.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"

namespace rosa::metrics {
namespace {

bool IsMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

MetricFamily::MetricFamily(std::string name, std::string help,
                           std::string type,
                           std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(std::move(type)),
      label_names_(std::move(label_names)) {
  bool ok = IsMetricName(name_);
  for (const std::string& label : label_names_) ok = ok && IsMetricName(label);
  if (!ok) {
    std::fprintf(stderr, "invalid metric or label name in %s\n",
                 name_.c_str());
    std::abort();
  }
}

void MetricFamily::Render(std::string* out) const {
  absl::StrAppend(out, "# HELP ", name_, " ", EscapeLabelValue(help_), "\n",
                  "# TYPE ", name_, " ", type_, "\n");
  RenderSamples(out);
}

void MetricFamily::AppendSample(std::string* out, std::string_view suffix,
                                const LabelValues& values,
                                std::string_view extra_name,
                                std::string_view extra_value,
                                double value) const {
  out->append(name_);
  out->append(suffix);
  const bool any = !label_names_.empty() || !extra_name.empty();
  if (any) out->push_back('{');
  for (size_t i = 0; i < label_names_.size(); ++i) {
    if (i > 0) out->push_back(',');
    absl::StrAppend(out, label_names_[i], "=\"", EscapeLabelValue(values[i]),
                    "\"");
  }
  if (!extra_name.empty()) {
    if (!label_names_.empty()) out->push_back(',');
    out->append(extra_name);
    out->append("=\"");
    out->append(extra_value);
    out->push_back('"');
  }
  if (any) out->push_back('}');
  absl::StrAppend(out, " ", FormatSampleValue(value), "\n");
}

void MetricFamily::CheckArity(const LabelValues& values) const {
  if (values.size() != label_names_.size()) {
    std::fprintf(stderr, "metric %s: %zu label values for %zu labels\n",
                 name_.c_str(), values.size(), label_names_.size());
    std::abort();
  }
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  // The shortest form that reads back as the same double.
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

}  // namespace rosa::metrics
