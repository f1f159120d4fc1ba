#include "tests/bench/bench_ratios.h"

#include "absl/strings/str_cat.h"
#include "tests/bench/growth_bench.h"

namespace rosa::bench {

void AddRatios(const BenchOptions& options, BenchReport& report) {
  auto at_most = [&](const std::string& name, double value, double goal,
                     const std::string& goal_text) {
    report.AddRatio(name, value, absl::StrCat("<= ", goal_text), value <= goal);
  };
  const LoadResult* b1 = report.Run("B1");
  const LoadResult* b2 = report.Run("B2");
  if (b1 != nullptr && b2 != nullptr && b1->CallsPerSecond() > 0) {
    const double r = b2->CallsPerSecond() / b1->CallsPerSecond();
    report.AddRatio(absl::StrCat("B2/B1 calls/s at K=", options.in_flight), r,
                    ">= 0.60", r >= 0.60);
  }
  const LoadResult* b5 = report.Run("B5");
  const LoadResult* b1_open = report.Run("B1 open");
  if (b5 != nullptr && b1_open != nullptr &&
      b1_open->latency.PercentileMicros(0.99) > 0) {
    at_most(absl::StrCat("B5 p99 / B1 p99 at ", options.rate, "/s"),
            b5->latency.PercentileMicros(0.99) /
                b1_open->latency.PercentileMicros(0.99),
            2, "2");
  }
  const LoadResult* b5_max = report.Run("B5 max");
  const std::optional<double> rabbit =
      report.Value("B6 RabbitMQ delivery throughput");
  if (b5_max != nullptr && rabbit.has_value() && *rabbit > 0) {
    const double r = b5_max->CallsPerSecond() / *rabbit;
    report.AddRatio("hub delivery / RabbitMQ delivery throughput", r, ">= 3",
                    r >= 3);
  }
  for (const char* query : kGrowthQueries) {
    const LoadResult* empty = report.Run(absl::StrCat("B7 empty ", query));
    const LoadResult* full = report.Run(absl::StrCat("B7 full ", query));
    if (empty == nullptr || full == nullptr) continue;
    for (double q : {0.5, 0.99}) {
      if (empty->latency.PercentileMicros(q) <= 0) continue;
      at_most(absl::StrCat("B7 ", query, " p", q == 0.5 ? "50" : "99", " ",
                           options.referrals, "/empty"),
              full->latency.PercentileMicros(q) /
                  empty->latency.PercentileMicros(q),
              1.5, "1.5");
    }
  }
  if (auto bytes = report.Value("B7 database bytes per referral")) {
    at_most("B7 database bytes per referral", *bytes, 800, "800");
  }
  if (auto ms = report.Value("B8 start to SERVING")) {
    at_most("B8 start to SERVING (ms)", *ms, 300, "300");
  }
  if (auto rss = report.Value("B8 RSS idle (VmRSS)")) {
    at_most("B8 idle RSS (MiB)", *rss, 64, "64");
  }
}

}  // namespace rosa::bench
