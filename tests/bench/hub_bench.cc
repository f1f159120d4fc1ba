// hub_bench: the hub's benchmark suite (issue 11) against the real
// `rosa-hub serve` process over mutual TLS with its development PKI, every
// run in one process against the same hub:
//   B1 health check, B2 durable SubmitReferral (ROSA -> ks-oslo, placement),
//   B3 UpdateReferralStatus, B4 PartnerGateway.Ingest (100-row ks-csv
//   plasser, 1-record Filemon capacity), B5 submit -> Watch delivery at a
//   fixed offered load beside B1 at the same load, B7 queries on an empty
//   store and after N referrals, B8 start to SERVING and RSS.
// B6 (RabbitMQ) is rabbitmq_bench; its JSON is merged with --rabbitmq-json.
// Prints a table, writes JSON (--json); exits 1 when any call failed,
// never for a missed goal.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "hub/client/health_check.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"
#include "tests/bench/bench_options.h"
#include "tests/bench/bench_ratios.h"
#include "tests/bench/bench_report.h"
#include "tests/bench/delivery_bench.h"
#include "tests/bench/growth_bench.h"
#include "tests/bench/hub_calls.h"
#include "tests/bench/ingest_calls.h"
#include "tests/bench/load_gen.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/partner_channel.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;
using integration::HubProcess;

// The ids of the referrals B2 made, for B3 to move.
class IdPool {
 public:
  void Add(std::string id) {
    absl::MutexLock lock(&mu_);
    ids_.push_back(std::move(id));
  }
  std::vector<std::string> Take() {
    absl::MutexLock lock(&mu_);
    return std::move(ids_);
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> ids_ ABSL_GUARDED_BY(mu_);
};

StartCall Submit(v1::ReferralService::Stub* stub, IdPool* pool) {
  return Unary<v1::SubmitReferralRequest, v1::SubmitReferralResponse>(
      [stub](auto* c, auto* q, auto* r, auto f) {
        stub->async()->SubmitReferral(c, q, r, std::move(f));
      },
      [](int64_t) { return integration::NewReferralRequest("ks-oslo"); },
      [pool](const v1::SubmitReferralResponse& r) -> std::string {
        if (r.referral().id().empty() || r.replayed()) {
          return "submit: no new referral";
        }
        if (pool != nullptr) pool->Add(r.referral().id());
        return "";
      });
}

// B3: the recipient moves B2's referrals forward one step each call: every
// referral to received, then every one to accepted, then to in progress.
StartCall Update(v1::ReferralService::Stub* stub,
                 std::shared_ptr<const std::vector<std::string>> ids) {
  return Unary<v1::UpdateReferralStatusRequest, v1::Referral>(
      [stub](auto* c, auto* q, auto* r, auto f) {
        stub->async()->UpdateReferralStatus(c, q, r, std::move(f));
      },
      [ids](int64_t seq) {
        static constexpr v1::ReferralState kSteps[] = {
            v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
            v1::REFERRAL_STATE_IN_PROGRESS};
        const size_t n = ids->size();
        const size_t round = std::min<size_t>(seq / n, 2);
        return integration::NewUpdateRequest((*ids)[seq % n], kSteps[round]);
      });
}

// VmRSS and VmHWM of `pid` in MiB from /proc/PID/status.
std::pair<double, double> RssMiB(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  double rss = 0, hwm = 0;
  while (std::getline(in, line)) {
    double kb = 0;
    auto value = [&](std::string_view key, double* out) {
      if (line.rfind(key, 0) != 0) return;
      std::string rest = line.substr(key.size());
      rest.erase(rest.find_last_not_of(" kB\t") + 1);
      rest.erase(0, rest.find_first_not_of(" \t"));
      if (absl::SimpleAtod(rest, &kb)) *out = kb / 1024;
    };
    value("VmRSS:", &rss);
    value("VmHWM:", &hwm);
  }
  return {rss, hwm};
}

// Polls the health check every millisecond until the hub is SERVING.
absl::Status AwaitServing(HubProcess& hub, absl::Time t0) {
  auto channel = integration::PartnerChannel(hub.port(), hub.pki_dir(), "rosa");
  for (;;) {
    auto state = CheckHealth(*channel, absl::Seconds(5));
    if (state.ok() && *state == HealthState::kServing) return absl::OkStatus();
    if (absl::Now() - t0 > absl::Seconds(60)) {
      return absl::DeadlineExceededError("hub not SERVING within 60 s");
    }
    absl::SleepFor(absl::Milliseconds(1));
  }
}

// B8: starts a fresh hub (which makes its development PKI and keys), stops
// it with SIGTERM and times the second start, process start to SERVING with
// every plugin worker: the start a server makes at every boot. The ready
// file (the port) is polled every 10 ms, then the health check every 1 ms.
absl::StatusOr<std::unique_ptr<HubProcess>> StartTimed(BenchReport& report) {
  absl::Time t0 = absl::Now();
  auto hub = HubProcess::Start(HubOptionsForBench());
  if (!hub.ok()) return hub.status();
  if (absl::Status s = AwaitServing(**hub, t0); !s.ok()) return s;
  report.AddValue("B8 first start to SERVING (makes PKI and keys)",
                  absl::ToDoubleMilliseconds(absl::Now() - t0), "ms");
  if (auto exit = (*hub)->Terminate(); !exit.ok() || !exit->success()) {
    return absl::InternalError("the hub did not stop cleanly on SIGTERM");
  }
  t0 = absl::Now();
  if (absl::Status s = (*hub)->Restart(); !s.ok()) return s;
  if (absl::Status s = AwaitServing(**hub, t0); !s.ok()) return s;
  report.AddValue("B8 start to SERVING",
                  absl::ToDoubleMilliseconds(absl::Now() - t0), "ms");
  return hub;
}

int Main(int argc, char** argv) {
  absl::StatusOr<BenchOptions> options = ParseBenchOptions(argc, argv);
  if (!options.ok()) {
    std::cerr << options.status() << "\n";
    return 2;
  }
  BenchReport report;
  const LoadSpec spec{.warmup = options->warmup, .duration = options->duration};
  auto named = [&spec](std::string name) {
    LoadSpec s = spec;
    s.name = std::move(name);
    return s;
  };

  auto hub = StartTimed(report);
  if (!hub.ok()) {
    std::cerr << "cannot start the hub: " << hub.status() << "\n";
    return 1;
  }
  const pid_t pid = (*hub)->pid();
  absl::SleepFor(absl::Milliseconds(500));
  report.AddValue("B8 RSS idle (VmRSS)", RssMiB(pid).first, "MiB");

  auto rosa =
      integration::PartnerChannel((*hub)->port(), (*hub)->pki_dir(), "rosa");
  auto oslo =
      integration::PartnerChannel((*hub)->port(), (*hub)->pki_dir(), "ks-oslo");
  auto rosa_stub = v1::ReferralService::NewStub(rosa);
  auto oslo_stub = v1::ReferralService::NewStub(oslo);
  const int k = options->in_flight;

  if (options->growth) {
    RunGrowthEmpty(**hub, spec, report);
  }

  report.AddRun("B1",
                RunClosedLoop(named("health check"), k, HealthCheck(rosa)));
  IdPool pool;
  report.AddRun("B2", RunClosedLoop(named("SubmitReferral (durable)"), k,
                                    Submit(rosa_stub.get(), &pool)));
  auto [rss, hwm] = RssMiB(pid);
  report.AddValue("B8 RSS after B2 (VmRSS)", rss, "MiB");
  report.AddValue("B8 RSS peak after B2 (VmHWM)", hwm, "MiB");
  report.AddRun("B1 K=1",
                RunClosedLoop(named("health check"), 1, HealthCheck(rosa)));
  report.AddRun("B2 K=1", RunClosedLoop(named("SubmitReferral (durable)"), 1,
                                        Submit(rosa_stub.get(), nullptr)));

  auto ids = std::make_shared<const std::vector<std::string>>(pool.Take());
  if (ids->empty()) {
    report.AddError("B3: B2 made no referrals to move");
  } else {
    report.AddRun("B3", RunClosedLoop(named("UpdateReferralStatus"), k,
                                      Update(oslo_stub.get(), ids)));
  }
  RunIngest(*options, **hub, spec, report);
  if (options->delivery) RunDelivery(*options, **hub, spec, report);

  hub->reset();
  if (options->growth) RunGrowthFull(*options, spec, report);
  if (!options->rabbitmq_json.empty()) {
    if (absl::Status s = report.MergeJson(options->rabbitmq_json); !s.ok()) {
      report.AddError(std::string(s.message()));
    }
  } else {
    report.AddNote(options->rabbitmq_note);
  }
  AddRatios(*options, report);
  report.Print(std::cout);
  if (!options->json.empty()) {
    if (absl::Status s = report.WriteJson(options->json); !s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
    std::cout << "JSON: " << options->json << "\n";
  }
  return report.errors() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace rosa::bench

int main(int argc, char** argv) { return rosa::bench::Main(argc, argv); }
