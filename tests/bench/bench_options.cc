#include "tests/bench/bench_options.h"

#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace rosa::bench {

absl::StatusOr<BenchOptions> ParseBenchOptions(int argc, char** argv) {
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> absl::StatusOr<std::string> {
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError(absl::StrCat(arg, ": needs a value"));
      }
      return std::string(argv[++i]);
    };
    auto number = [&](int64_t* out) -> absl::Status {
      absl::StatusOr<std::string> v = next();
      if (!v.ok()) return v.status();
      if (!absl::SimpleAtoi(*v, out) || *out <= 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(arg, ": not a positive number"));
      }
      return absl::OkStatus();
    };
    int64_t n = 0;
    absl::Status s;
    if (arg == "--smoke") {
      o.smoke = true;
      o.warmup = absl::Milliseconds(100);
      o.duration = absl::Milliseconds(400);
      o.referrals = 500;
    } else if (arg == "--duration-ms") {
      if ((s = number(&n)).ok()) o.duration = absl::Milliseconds(n);
    } else if (arg == "--warmup-ms") {
      if ((s = number(&n)).ok()) o.warmup = absl::Milliseconds(n);
    } else if (arg == "--in-flight") {
      if ((s = number(&n)).ok()) o.in_flight = static_cast<int>(n);
    } else if (arg == "--rate") {
      if ((s = number(&n)).ok()) o.rate = static_cast<double>(n);
    } else if (arg == "--referrals") {
      if ((s = number(&n)).ok()) o.referrals = n;
    } else if (arg == "--no-growth") {
      o.growth = false;
    } else if (arg == "--no-delivery") {
      o.delivery = false;
    } else if (arg == "--json" || arg == "--rabbitmq-json" ||
               arg == "--rabbitmq-note") {
      absl::StatusOr<std::string> v = next();
      if (!v.ok()) return v.status();
      if (arg == "--json") o.json = *v;
      if (arg == "--rabbitmq-json") o.rabbitmq_json = *v;
      if (arg == "--rabbitmq-note") o.rabbitmq_note = *v;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg));
    }
    if (!s.ok()) return s;
  }
  return o;
}

integration::HubOptions HubOptionsForBench() {
  integration::HubOptions options;
  options.extra_args = {"--partner-rate",          "1000000",
                        "--partner-burst",         "1000000",
                        "--partner-records-rate",  "1000000",
                        "--partner-records-burst", "100000000",
                        "--partner-payloads",      "10000"};
  return options;
}

}  // namespace rosa::bench
