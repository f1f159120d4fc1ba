#include "tests/bench/delivery_bench.h"

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "rosa/hub/v1/event_service.grpc.pb.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"
#include "tests/bench/hub_calls.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/watch_stream.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;

constexpr absl::Duration kDeliveryTimeout = absl::Seconds(10);

// The submits sent and the deliveries seen, matched by person reference.
class Deliveries {
 public:
  void Sent(const std::string& person_ref, int64_t due) {
    absl::MutexLock lock(&mu_);
    pending_[person_ref] = due;
  }
  void Seen(const v1::Event& event) {
    const int64_t now = MonotonicNanos();
    if (!event.has_referral() ||
        event.referral().kind() != v1::ReferralEvent::KIND_SUBMITTED) {
      return;
    }
    absl::MutexLock lock(&mu_);
    auto it = pending_.find(event.referral().referral().person_ref());
    if (it == pending_.end()) return;
    delivered_.push_back({it->second, now});
    pending_.erase(it);
  }
  // Waits until every submit sent is delivered or the timeout; the number
  // still missing.
  int64_t AwaitAll(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto done = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return pending_.empty();
    };
    mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
    return static_cast<int64_t>(pending_.size());
  }
  // Deliveries of submits due in [begin, end), as a run's result.
  LoadResult Window(std::string name, int64_t begin, int64_t end) {
    absl::MutexLock lock(&mu_);
    LoadResult r;
    r.name = std::move(name);
    r.seconds = (end - begin) / 1e9;
    for (const auto& [due, seen] : delivered_) {
      if (due >= begin && due < end) r.latency.nanos.push_back(seen - due);
    }
    std::sort(r.latency.nanos.begin(), r.latency.nanos.end());
    r.calls = static_cast<int64_t>(r.latency.nanos.size());
    delivered_.clear();
    return r;
  }

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, int64_t> pending_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<int64_t, int64_t>> delivered_ ABSL_GUARDED_BY(mu_);
};

// ks-oslo's Watch stream, read on a thread of its own.
class Watcher {
 public:
  Watcher(std::shared_ptr<grpc::Channel> channel, Deliveries* deliveries)
      : stub_(v1::EventService::NewStub(channel)) {
    reader_ = std::thread([this, deliveries] {
      auto stream = stub_->Watch(&context_, integration::WatchFromNow());
      v1::Event event;
      while (stream->Read(&event)) {
        events_.fetch_add(1);
        deliveries->Seen(event);
      }
      status_ = stream->Finish();
    });
  }
  ~Watcher() {
    context_.TryCancel();
    reader_.join();
  }
  int64_t events() const { return events_.load(); }

 private:
  std::unique_ptr<v1::EventService::Stub> stub_;
  grpc::ClientContext context_;
  std::atomic<int64_t> events_{0};
  grpc::Status status_;
  std::thread reader_;
};

StartCall TrackedSubmit(v1::ReferralService::Stub* stub,
                        Deliveries* deliveries) {
  // The request is made before the call starts, so that its person
  // reference is known to `deliveries` before the event can arrive.
  return [stub, deliveries](int64_t seq, int64_t due, CallDone done) {
    auto request = std::make_shared<v1::SubmitReferralRequest>(
        integration::NewReferralRequest("ks-oslo"));
    deliveries->Sent(request->person_ref(), due);
    Unary<v1::SubmitReferralRequest, v1::SubmitReferralResponse>(
        [stub](auto* c, auto* q, auto* r, auto f) {
          stub->async()->SubmitReferral(c, q, r, std::move(f));
        },
        [request](int64_t) { return *request; })(seq, due, std::move(done));
  };
}

}  // namespace

void RunDelivery(const BenchOptions& options, integration::HubProcess& hub,
                 const LoadSpec& spec, BenchReport& report) {
  auto rosa = integration::PartnerChannel(hub.port(), hub.pki_dir(), "rosa");
  auto oslo = integration::PartnerChannel(hub.port(), hub.pki_dir(), "ks-oslo");
  auto stub = v1::ReferralService::NewStub(rosa);
  Deliveries deliveries;
  Watcher watcher(oslo, &deliveries);

  // The stream is open once a probe submit arrives on it.
  bool open = false;
  for (int i = 0; i < 50 && !open; ++i) {
    StartCall probe = TrackedSubmit(stub.get(), &deliveries);
    probe(0, MonotonicNanos(), [](const std::string&) {});
    open = deliveries.AwaitAll(absl::Milliseconds(200)) == 0;
  }
  deliveries.Window("", 0, 0);
  if (!open) {
    report.AddError("B5: ks-oslo's Watch stream delivered nothing");
    return;
  }

  auto run = [&](const std::string& id, const std::string& name, bool closed) {
    LoadSpec s = spec;
    s.name = absl::StrCat("SubmitReferral (", name, ")");
    const int64_t t0 = MonotonicNanos();
    LoadResult submits =
        closed ? RunClosedLoop(s, options.in_flight,
                               TrackedSubmit(stub.get(), &deliveries))
               : RunOpenLoop(s, options.rate,
                             TrackedSubmit(stub.get(), &deliveries));
    const int64_t missing = deliveries.AwaitAll(kDeliveryTimeout);
    const int64_t begin = t0 + absl::ToInt64Nanoseconds(spec.warmup);
    LoadResult d = deliveries.Window(
        absl::StrCat("submit -> Watch delivery (", name, ")"), begin,
        begin + absl::ToInt64Nanoseconds(spec.duration));
    d.in_flight = submits.in_flight;
    d.offered_rate = submits.offered_rate;
    d.errors = missing + submits.errors;
    if (missing > 0) {
      d.first_error = absl::StrCat(missing, " referrals not delivered within ",
                                   absl::FormatDuration(kDeliveryTimeout));
    } else {
      d.first_error = submits.first_error;
    }
    report.AddRun(id, d);
  };
  run("B5", absl::StrFormat("%.0f/s", options.rate), /*closed=*/false);
  LoadSpec health = spec;
  health.name = "health check (B5's offered load)";
  report.AddRun("B1 open",
                RunOpenLoop(health, options.rate, HealthCheck(rosa)));
  run("B5 max", absl::StrCat("K=", options.in_flight), /*closed=*/true);
}

}  // namespace rosa::bench
