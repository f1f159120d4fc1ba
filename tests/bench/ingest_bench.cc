// The ingest benchmark: for each partner format, the payload with the most
// records that fits the size limit (1 MiB; see bench_payloads.h) and the
// ingest desk's record limit, applied through the real plugin and the
// ingest desk on a real store (and, where 1 MiB holds more records than
// the limit, the 1 MiB payload, refused before any write), while
// another partner (ROSA) keeps submitting referrals. It prints, per
// payload, the time to decode and to apply and commit it, and the latency
// of the concurrent submits beside a baseline measured first in the same
// run. It fails only on errors (a payload refused, a submit failing), never
// on timings: read the numbers.
//
// It runs twice in the same process: first with the plugins mapped into
// the process (the baseline), then through the hub's sandboxed plugin
// workers (`rosa-hub plugin-worker`, the production path), and ends with
// the workers' decode and ingest times as a ratio of the baseline's (goal:
// ingest within 1.5x).
//
//   ingest_bench [--payload-bytes N] [--baseline N] [--plugin-dir DIR]
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/bench/bench_hub.h"
#include "tests/bench/bench_payloads.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

struct Args {
  size_t payload_bytes = 1024 * 1024;
  int baseline = 200;
  std::string plugin_dir = ROSA_PLUGIN_DIR;
};

// Per payload label: decode and ingest wall-clock times.
struct Timing {
  absl::Duration decode;
  absl::Duration ingest;
};
using Timings = std::map<std::string, Timing>;

double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

// CPU time the process has used so far (every thread, user and system):
// on a busy machine, wall-clock times grow with the load; this does not.
absl::Duration ProcessCpu() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return absl::DurationFromTimeval(usage.ru_utime) +
         absl::DurationFromTimeval(usage.ru_stime);
}

absl::Duration Percentile(std::vector<absl::Duration> v, double p) {
  if (v.empty()) return absl::ZeroDuration();
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

int Fail(const std::string& what, const absl::Status& status) {
  std::fprintf(stderr, "ingest_bench: %s: %s\n", what.c_str(),
               status.ToString().c_str());
  return 1;
}

// The objects the format's payload is about, made in the hub.
absl::StatusOr<std::vector<std::string>> MakeObjects(BenchHub& hub,
                                                     const Format& format,
                                                     int n) {
  if (format.placeholder.empty()) return std::vector<std::string>(n);
  if (format.sender == "advokat-lund" || format.sender == "iom") {
    ASSIGN_OR_RETURN(std::string person, hub.PersonWithConsents());
    if (format.sender == "advokat-lund") return hub.Handoffs(person, n);
    ASSIGN_OR_RETURN(auto ids, hub.Refer("iom", n, person));
    RETURN_IF_ERROR(hub.Move("iom", ids, v1::REFERRAL_STATE_RECEIVED));
    RETURN_IF_ERROR(hub.Move("iom", ids, v1::REFERRAL_STATE_ACCEPTED));
    return ids;
  }
  return hub.Refer(format.sender, n);
}

// Ingests `payload` while ROSA keeps submitting referrals and prints one
// line. With `expect_applied` every record must apply; otherwise the
// payload must be refused for having too many records.
int Measure(BenchHub& hub, const Format& format, const std::string& label,
            const std::string& payload, int records, bool expect_applied,
            absl::Duration base_p50, Timings& timings) {
  // The plugin's share, measured apart (the ingest below decodes again).
  pv1::DecodeRequest decode;
  decode.set_content_type(format.content_type);
  decode.set_payload(payload);
  decode.mutable_sender()->set_partner_id(format.sender);
  decode.mutable_sender()->set_kind(hub.P(format.sender).kind);
  const absl::Time decode_start = absl::Now();
  auto decoded =
      hub.plugins().Find(hub.P(format.sender).plugin)->Decode(decode);
  const absl::Duration decode_time = absl::Now() - decode_start;
  if (!decoded.ok()) return Fail(label + ": decode", decoded.status());

  std::atomic<bool> stop{false};
  std::vector<absl::Duration> during;
  absl::Status submit_error;
  std::thread submitter([&] {
    while (!stop.load()) {
      auto d = hub.TimedSubmit();
      if (!d.ok()) {
        submit_error = d.status();
        return;
      }
      during.push_back(*d);
    }
  });
  absl::SleepFor(absl::Milliseconds(20));  // Let it get going.
  const absl::Time start = absl::Now();
  const absl::Duration cpu_start = ProcessCpu();
  auto applied = hub.Ingest(format.sender, format.content_type, payload);
  const absl::Duration ingest_time = absl::Now() - start;
  const absl::Duration ingest_cpu = ProcessCpu() - cpu_start;
  absl::SleepFor(absl::Milliseconds(20));
  stop.store(true);
  submitter.join();
  if (!submit_error.ok())
    return Fail(label + ": concurrent submit", submit_error);
  if (expect_applied) {
    if (!applied.ok()) return Fail(label + ": ingest", applied.status());
    if (!applied->applied() || applied->records_size() != records) {
      return Fail(label, absl::InternalError(absl::StrFormat(
                             "%d records applied, %d expected",
                             applied->records_size(), records)));
    }
  } else if (applied.ok() ||
             !absl::StrContains(applied.status().message(),
                                "records, more than the limit")) {
    return Fail(label + ": expected a refusal for the record count",
                applied.status());
  }
  timings[label] = Timing{decode_time, ingest_time};
  const absl::Duration max = Percentile(during, 1.0);
  std::printf(
      "%-28s %8zu %6d %7.1f ms %7.1f ms %7.1f ms %-7s | %5zu %6.2f ms "
      "%7.2f ms %6.1fx\n",
      label.c_str(), payload.size(), records, Ms(decode_time), Ms(ingest_time),
      Ms(ingest_cpu), expect_applied ? "applied" : "refused", during.size(),
      Ms(Percentile(during, 0.5)), Ms(max),
      base_p50 > absl::ZeroDuration() ? Ms(max) / Ms(base_p50) : 0.0);
  std::fflush(stdout);
  return 0;
}

int Run(const Args& args, std::optional<PluginWorkerOptions> workers,
        Timings& timings) {
  std::printf("\n== plugins %s ==\n",
              workers ? "in sandboxed worker processes (the hub's path)"
                      : "in this process (baseline)");
  auto opened = BenchHub::Open(args.plugin_dir, workers);
  if (!opened.ok()) return Fail("start", opened.status());
  BenchHub& hub = **opened;
  const absl::Time setup_time = hub.clock().Now();
  const absl::Time ingest_time = absl::FromCivil(
      absl::CivilMinute(2026, 12, 25, 12, 0), absl::UTCTimeZone());

  // Baseline: ROSA's submits with nothing else running.
  std::vector<absl::Duration> baseline;
  for (int i = 0; i < args.baseline; ++i) {
    auto d = hub.TimedSubmit();
    if (!d.ok()) return Fail("baseline submit", d.status());
    baseline.push_back(*d);
  }
  const absl::Duration base_p50 = Percentile(baseline, 0.5);
  std::printf(
      "payload limit %zu bytes; baseline SubmitReferral over %d: "
      "p50 %.2f ms, p99 %.2f ms, max %.2f ms\n\n",
      args.payload_bytes, args.baseline, Ms(base_p50),
      Ms(Percentile(baseline, 0.99)), Ms(Percentile(baseline, 1.0)));
  std::printf("%-28s %8s %6s %10s %10s %10s %-7s | %5s %9s %10s %7s\n",
              "payload", "bytes", "records", "decode", "ingest", "(cpu)",
              "result", "submits", "p50", "max", "max/base");

  const int max_records = IngestDesk::Options{}.max_records;
  for (const Format& format : Formats()) {
    // The largest payload that applies: as many records as fit the size
    // limit, or as the ingest desk takes in one payload.
    const int fit = ObjectsThatFit(format, args.payload_bytes);
    const int n = std::min(fit, max_records / format.records_per_object);
    hub.clock().Set(setup_time);
    auto objects = MakeObjects(hub, format, n);
    if (!objects.ok()) return Fail(format.name + ": setup", objects.status());
    hub.clock().Set(ingest_time);
    if (int rc =
            Measure(hub, format, format.name, Build(format, *objects),
                    n * format.records_per_object, true, base_p50, timings);
        rc != 0) {
      return rc;
    }
    if (fit == n) continue;
    // At the size limit it has too many records: refused before any write.
    const std::vector<std::string> placeholders(fit, format.placeholder);
    if (int rc = Measure(
            hub, format, format.name + " (1 MiB)", Build(format, placeholders),
            fit * format.records_per_object, false, base_p50, timings);
        rc != 0) {
      return rc;
    }
  }
  std::printf(
      "\ningest = decode + apply + commit of the whole payload as one write "
      "(wall clock; cpu = the process's CPU time meanwhile, all threads);\n"
      "submits = ROSA's SubmitReferral calls completed meanwhile; max/base = "
      "their slowest against the baseline p50.\n");
  return 0;
}

// Both runs, then the workers' times against the baseline's.
int Compare(const Args& args) {
  Timings in_process, in_workers;
  if (int rc = Run(args, std::nullopt, in_process); rc != 0) return rc;
  PluginWorkerOptions workers;
  workers.executable = ROSA_HUB_BINARY;
  // A 1 MiB payload on a loaded machine must not hit the hub's 2 s.
  workers.call_deadline = absl::Seconds(60);
  if (int rc = Run(args, workers, in_workers); rc != 0) return rc;
  std::printf("\n%-28s %12s %12s\n", "workers / in-process", "decode",
              "ingest");
  for (const auto& [label, base] : in_process) {
    const Timing& w = in_workers[label];
    std::printf("%-28s %11.2fx %11.2fx\n", label.c_str(),
                Ms(w.decode) / std::max(Ms(base.decode), 1e-3),
                Ms(w.ingest) / std::max(Ms(base.ingest), 1e-3));
  }
  std::printf("(goal: ingest through workers within 1.5x of in-process)\n");
  return 0;
}

}  // namespace
}  // namespace rosa::bench

int main(int argc, char** argv) {
  rosa::bench::Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (flag == "--payload-bytes" && value != nullptr) {
      args.payload_bytes = std::strtoull(value, nullptr, 10);
      ++i;
    } else if (flag == "--baseline" && value != nullptr) {
      args.baseline = std::atoi(value);
      ++i;
    } else if (flag == "--plugin-dir" && value != nullptr) {
      args.plugin_dir = value;
      ++i;
    } else {
      std::fprintf(stderr,
                   "usage: ingest_bench [--payload-bytes N] [--baseline N] "
                   "[--plugin-dir DIR]\n");
      return 2;
    }
  }
  if (args.payload_bytes == 0 || args.baseline < 1) {
    std::fprintf(stderr,
                 "ingest_bench: --payload-bytes and --baseline must "
                 "be positive\n");
    return 2;
  }
  return rosa::bench::Compare(args);
}
