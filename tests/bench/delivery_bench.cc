#include "tests/bench/delivery_bench.h"

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rosa/hub/v1/event_service.grpc.pb.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"
#include "tests/bench/delivery_log.h"
#include "tests/bench/hub_calls.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/watch_stream.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;

constexpr absl::Duration kDeliveryTimeout = absl::Seconds(10);

// Hands each referral submission on ks-oslo's stream to the log.
void SeenOnStream(const v1::Event& event, DeliveryLog* log) {
  if (!event.has_referral() ||
      event.referral().kind() != v1::ReferralEvent::KIND_SUBMITTED) {
    return;
  }
  log->Seen(event.referral().referral().person_ref());
}

// ks-oslo's Watch stream, read on a thread of its own.
class Watcher {
 public:
  Watcher(std::shared_ptr<grpc::Channel> channel, DeliveryLog* deliveries)
      : stub_(v1::EventService::NewStub(channel)) {
    reader_ = std::thread([this, deliveries] {
      auto stream = stub_->Watch(&context_, integration::WatchFromNow());
      v1::Event event;
      while (stream->Read(&event)) {
        events_.fetch_add(1);
        SeenOnStream(event, deliveries);
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
                        DeliveryLog* deliveries) {
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
  DeliveryLog deliveries;
  Watcher watcher(oslo, &deliveries);

  // The stream is open once a probe submit arrives on it. A probe that
  // committed before the stream was registered never arrives: each try
  // forgets the earlier ones.
  bool open = false;
  for (int i = 0; i < 15 && !open; ++i) {
    deliveries.Clear();
    StartCall probe = TrackedSubmit(stub.get(), &deliveries);
    probe(0, MonotonicNanos(), [](const std::string&) {});
    open = deliveries.AwaitAll(absl::Seconds(2)) == 0;
  }
  deliveries.Clear();
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
