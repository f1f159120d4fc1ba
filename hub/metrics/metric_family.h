// The shared part of every metric family (counter, gauge, histogram): its
// name, help text, label names, and the Prometheus text exposition format
// (version 0.0.4) of its header and sample lines.
//
// A family holds one series per distinct tuple of label values. Label
// values are ids (partner, facility, method, status code), never personal
// data or payloads.
//
// Thread-safety: a family's name, help and label names are immutable after
// construction; subclasses guard their series themselves.
#ifndef ROSA_HUB_METRICS_METRIC_FAMILY_H_
#define ROSA_HUB_METRICS_METRIC_FAMILY_H_

#include <string>
#include <string_view>
#include <vector>

namespace rosa::metrics {

// The values of a series' labels, in the order of the family's label names.
using LabelValues = std::vector<std::string>;

class MetricFamily {
 public:
  // REQUIRES: `name` and each label name match [a-zA-Z_][a-zA-Z0-9_]*.
  MetricFamily(std::string name, std::string help, std::string type,
               std::vector<std::string> label_names);
  virtual ~MetricFamily() = default;

  MetricFamily(const MetricFamily&) = delete;
  MetricFamily& operator=(const MetricFamily&) = delete;

  const std::string& name() const { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends "# HELP", "# TYPE" and every sample line to `out`.
  void Render(std::string* out) const;

 protected:
  // Appends the sample lines only.
  virtual void RenderSamples(std::string* out) const = 0;

  // Appends `<name><suffix>{labels[,extra_name="extra_value"]} <value>\n`.
  // `values` has one entry per label name.
  void AppendSample(std::string* out, std::string_view suffix,
                    const LabelValues& values, std::string_view extra_name,
                    std::string_view extra_value, double value) const;

  // REQUIRES (checked, aborts): one value per label name.
  void CheckArity(const LabelValues& values) const;

 private:
  const std::string name_;
  const std::string help_;
  const std::string type_;
  const std::vector<std::string> label_names_;
};

// A label value or help text escaped as the text format requires
// (backslash, double quote and newline).
std::string EscapeLabelValue(std::string_view value);
// A sample value: integers without a fraction, +Inf, -Inf, NaN.
std::string FormatSampleValue(double value);

}  // namespace rosa::metrics

#endif  // ROSA_HUB_METRICS_METRIC_FAMILY_H_
