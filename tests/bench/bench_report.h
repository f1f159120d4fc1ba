// The benchmark's results: each measured run (B1..B8), single values (start
// time, RSS, bytes per referral) and the ratios, each printed beside
// its goal as pass or miss. A miss never fails the benchmark; errors do.
// Prints a table and writes the same as JSON.
//
// Thread-compatible: filled and printed by the benchmark's main thread.
#ifndef ROSA_TESTS_BENCH_BENCH_REPORT_H_
#define ROSA_TESTS_BENCH_BENCH_REPORT_H_

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "nlohmann/json.hpp"
#include "tests/bench/load_gen.h"

namespace rosa::bench {

class BenchReport {
 public:
  // A measured run under `id` ("B1", "B7 1M ListReferrals", ...).
  void AddRun(const std::string& id, const LoadResult& result);
  // A run's result by id; nullptr when there is none.
  const LoadResult* Run(const std::string& id) const;
  void AddValue(const std::string& id, double value, const std::string& unit);
  std::optional<double> Value(const std::string& id) const;
  // `pass` says whether `value` meets `goal` (a text such as ">= 0.60").
  void AddRatio(const std::string& name, double value, const std::string& goal,
                bool pass);
  // A line printed under the table ("B6 skipped: ...").
  void AddNote(const std::string& note);
  // Counts an error that is not a call's (a stream that ended early, say).
  void AddError(const std::string& what);
  // Runs another process measured (the RabbitMQ benchmark's JSON) are
  // taken into this report as they are.
  absl::Status MergeJson(const std::filesystem::path& path);

  int64_t errors() const;
  void Print(std::ostream& out) const;
  absl::Status WriteJson(const std::filesystem::path& path) const;

 private:
  struct Entry {
    std::string id;
    LoadResult result;
  };
  std::vector<Entry> runs_;
  nlohmann::json values_ = nlohmann::json::array();
  nlohmann::json ratios_ = nlohmann::json::array();
  nlohmann::json merged_runs_ = nlohmann::json::array();
  std::vector<std::string> notes_;
  std::vector<std::string> errors_;
};

// The run's JSON object (id, name, in_flight, offered_rate, seconds, calls,
// calls_per_second, p50_us, p99_us, errors, first_error).
nlohmann::json RunJson(const std::string& id, const LoadResult& result);

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_BENCH_REPORT_H_
