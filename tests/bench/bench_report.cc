#include "tests/bench/bench_report.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace rosa::bench {

nlohmann::json RunJson(const std::string& id, const LoadResult& r) {
  return {{"id", id},
          {"name", r.name},
          {"in_flight", r.in_flight},
          {"offered_rate", r.offered_rate},
          {"seconds", r.seconds},
          {"calls", r.calls},
          {"calls_per_second", r.CallsPerSecond()},
          {"p50_us", r.latency.PercentileMicros(0.5)},
          {"p99_us", r.latency.PercentileMicros(0.99)},
          {"errors", r.errors},
          {"first_error", r.first_error}};
}

void BenchReport::AddRun(const std::string& id, const LoadResult& result) {
  runs_.push_back(Entry{id, result});
}

const LoadResult* BenchReport::Run(const std::string& id) const {
  for (const Entry& e : runs_) {
    if (e.id == id) return &e.result;
  }
  return nullptr;
}

void BenchReport::AddValue(const std::string& id, double value,
                           const std::string& unit) {
  values_.push_back({{"id", id}, {"value", value}, {"unit", unit}});
}

std::optional<double> BenchReport::Value(const std::string& id) const {
  for (const auto& v : values_) {
    if (v["id"] == id) return v["value"].get<double>();
  }
  return std::nullopt;
}

void BenchReport::AddRatio(const std::string& name, double value,
                           const std::string& goal, bool pass) {
  ratios_.push_back(
      {{"name", name}, {"value", value}, {"goal", goal}, {"pass", pass}});
}

void BenchReport::AddNote(const std::string& note) { notes_.push_back(note); }

void BenchReport::AddError(const std::string& what) { errors_.push_back(what); }

absl::Status BenchReport::MergeJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  nlohmann::json j =
      nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.contains("runs")) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": not a benchmark result"));
  }
  for (const auto& run : j["runs"]) merged_runs_.push_back(run);
  for (const auto& v : j.value("values", nlohmann::json::array())) {
    values_.push_back(v);
  }
  for (const auto& n : j.value("notes", nlohmann::json::array())) {
    notes_.push_back(n.get<std::string>());
  }
  for (const auto& e : j.value("error_list", nlohmann::json::array())) {
    errors_.push_back(e.get<std::string>());
  }
  return absl::OkStatus();
}

int64_t BenchReport::errors() const {
  int64_t n = static_cast<int64_t>(errors_.size());
  for (const Entry& e : runs_) n += e.result.errors;
  for (const auto& r : merged_runs_) n += r["errors"].get<int64_t>();
  return n;
}

void BenchReport::Print(std::ostream& out) const {
  out << absl::StrFormat("\n%-44s %10s %12s %10s %10s %8s %6s\n", "run", "load",
                         "calls/s", "p50 us", "p99 us", "calls", "errors");
  auto row = [&out](const nlohmann::json& r) {
    const std::string load =
        r["in_flight"].get<int>() > 0
            ? absl::StrCat("K=", r["in_flight"].get<int>())
            : absl::StrFormat("%.0f/s", r["offered_rate"].get<double>());
    out << absl::StrFormat("%-44s %10s %12.0f %10.1f %10.1f %8d %6d\n",
                           absl::StrCat(r["id"].get<std::string>(), " ",
                                        r["name"].get<std::string>()),
                           load, r["calls_per_second"].get<double>(),
                           r["p50_us"].get<double>(), r["p99_us"].get<double>(),
                           r["calls"].get<int64_t>(),
                           r["errors"].get<int64_t>());
    if (r["errors"].get<int64_t>() > 0) {
      out << "    first error: " << r["first_error"].get<std::string>() << "\n";
    }
  };
  for (const Entry& e : runs_) row(RunJson(e.id, e.result));
  for (const auto& r : merged_runs_) row(r);
  out << "\n";
  for (const auto& v : values_) {
    out << absl::StrFormat("%-44s %12.1f %s\n", v["id"].get<std::string>(),
                           v["value"].get<double>(),
                           v["unit"].get<std::string>());
  }
  out << absl::StrFormat("\n%-52s %10s %12s %6s\n", "ratio", "value", "goal",
                         "");
  for (const auto& r : ratios_) {
    out << absl::StrFormat(
        "%-52s %10.3f %12s %6s\n", r["name"].get<std::string>(),
        r["value"].get<double>(), r["goal"].get<std::string>(),
        r["pass"].get<bool>() ? "pass" : "miss");
  }
  for (const std::string& n : notes_) out << "note: " << n << "\n";
  for (const std::string& e : errors_) out << "ERROR: " << e << "\n";
  out << "errors: " << errors() << "\n";
}

absl::Status BenchReport::WriteJson(const std::filesystem::path& path) const {
  nlohmann::json runs = nlohmann::json::array();
  for (const Entry& e : runs_) runs.push_back(RunJson(e.id, e.result));
  for (const auto& r : merged_runs_) runs.push_back(r);
  nlohmann::json j = {{"runs", runs},          {"values", values_},
                      {"ratios", ratios_},     {"notes", notes_},
                      {"error_list", errors_}, {"errors", errors()}};
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  std::ofstream out(path);
  out << j.dump(2) << "\n";
  if (!out) {
    return absl::InternalError(absl::StrCat("cannot write ", path.string()));
  }
  return absl::OkStatus();
}

}  // namespace rosa::bench
