// rabbitmq_bench (B6): the delivery B5 measures through the hub, measured
// through RabbitMQ instead, for a user who would otherwise pick a broker:
// ROSA's connection publishes persistent messages (delivery mode 2) with
// publisher confirms to a durable quorum queue; ks-oslo's connection
// consumes them with manual acks. Both connect over mutual TLS with the
// hub's development PKI (same CA, certificates and keys as the hub's
// clients). Each message body is a serialized SubmitReferralRequest as B2
// and B5 send it. Runs: open loop at the offered rate (latency from each
// publish's scheduled time to its delivery, like B5), then K publishes
// awaiting their confirm (like B5's K submits awaiting their answer) for
// the delivery throughput. A nack, a missing confirm or a message not
// delivered within 10 s is an error. deploy/run-bench.sh starts the broker.
//
//   rabbitmq_bench --port P --pki-dir DIR --json PATH [--smoke]
//                  [--rate R] [--in-flight K] [--warmup-ms N]
//                  [--duration-ms N]
#include <sys/time.h>

#include <atomic>
#include <iostream>
#include <map>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/bench/amqp_link.h"
#include "tests/bench/bench_report.h"
#include "tests/bench/delivery_log.h"
#include "tests/bench/load_gen.h"
#include "tests/integration/hub_client.h"

namespace rosa::bench {
namespace {

constexpr char kQueue[] = "rosa-bench";
constexpr absl::Duration kDeliveryTimeout = absl::Seconds(10);

struct Options {
  int port = 0;
  std::filesystem::path pki_dir, json;
  double rate = 1000;
  int in_flight = 64;
  absl::Duration warmup = absl::Seconds(1), duration = absl::Seconds(5);
};

timeval ToTimeval(int64_t nanos) {
  nanos = std::max<int64_t>(nanos, 0);
  return timeval{.tv_sec = static_cast<time_t>(nanos / 1000000000),
                 .tv_usec = static_cast<suseconds_t>(nanos / 1000 % 1000000)};
}

// ROSA's side: publishes and reads the confirms on its one connection.
class Publisher {
 public:
  Publisher(AmqpLink* link, DeliveryLog* log) : link_(link), log_(log) {}

  absl::Status Publish(int64_t due) {
    const std::string key = absl::StrCat(++seq_);
    const std::string id = absl::StrCat(key, ":", due);
    std::string body =
        integration::NewReferralRequest("ks-oslo").SerializeAsString();
    amqp_basic_properties_t props;
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_MESSAGE_ID_FLAG;
    props.delivery_mode = 2;  // Persistent.
    props.message_id = amqp_cstring_bytes(id.c_str());
    log_->Sent(key, due);
    unconfirmed_[seq_] = due;
    const int rc = amqp_basic_publish(
        link_->conn(), AmqpLink::kChannel, amqp_empty_bytes,
        amqp_cstring_bytes(kQueue), 0, 0, &props,
        amqp_bytes_t{.len = body.size(), .bytes = body.data()});
    if (rc != AMQP_STATUS_OK) {
      return absl::InternalError(
          absl::StrCat("amqp: publish: ", amqp_error_string2(rc)));
    }
    return absl::OkStatus();
  }

  // Reads confirms for up to `wait_nanos`; counts acks and nacks whose
  // message was due in [begin, end).
  absl::Status ReadConfirms(int64_t wait_nanos) {
    amqp_frame_t frame;
    timeval tv = ToTimeval(wait_nanos);
    int rc = amqp_simple_wait_frame_noblock(link_->conn(), &frame, &tv);
    if (rc == AMQP_STATUS_TIMEOUT) return absl::OkStatus();
    if (rc != AMQP_STATUS_OK) {
      return absl::InternalError(
          absl::StrCat("amqp: confirms: ", amqp_error_string2(rc)));
    }
    if (frame.frame_type != AMQP_FRAME_METHOD) return absl::OkStatus();
    uint64_t tag = 0;
    bool multiple = false, nack = false;
    if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
      auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
      tag = ack->delivery_tag;
      multiple = ack->multiple;
    } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
      auto* n = static_cast<amqp_basic_nack_t*>(frame.payload.method.decoded);
      tag = n->delivery_tag;
      multiple = n->multiple;
      nack = true;
    } else {
      return absl::OkStatus();
    }
    auto last = multiple ? unconfirmed_.upper_bound(tag)
                         : std::next(unconfirmed_.find(tag));
    auto first = multiple ? unconfirmed_.begin() : unconfirmed_.find(tag);
    if (first == unconfirmed_.end()) return absl::OkStatus();
    nacks_ += nack ? std::distance(first, last) : 0;
    unconfirmed_.erase(first, last);
    return absl::OkStatus();
  }

  size_t unconfirmed() const { return unconfirmed_.size(); }
  int64_t nacks() const { return nacks_; }

 private:
  AmqpLink* link_;
  DeliveryLog* log_;
  uint64_t seq_ = 0;  // The delivery tag of the last publish.
  std::map<uint64_t, int64_t> unconfirmed_;
  int64_t nacks_ = 0;
};

// ks-oslo's side, on a thread of its own: consumes and acks each message.
class Consumer {
 public:
  Consumer(AmqpLink* link, DeliveryLog* log) : link_(link) {
    thread_ = std::thread([this, log] { Run(log); });
  }
  ~Consumer() { Stop(); }
  // Ends the consumer thread; then error() may be read.
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  // REQUIRES: Stop() was called.
  const std::string& error() const { return error_; }

 private:
  void Run(DeliveryLog* log) {
    while (!stop_) {
      amqp_maybe_release_buffers(link_->conn());
      amqp_envelope_t envelope;
      timeval tv = ToTimeval(100'000'000);
      amqp_rpc_reply_t r =
          amqp_consume_message(link_->conn(), &envelope, &tv, 0);
      if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
          r.library_error == AMQP_STATUS_TIMEOUT) {
        continue;
      }
      if (r.reply_type != AMQP_RESPONSE_NORMAL) {
        error_ = "amqp: consume failed";
        return;
      }
      const std::string id(static_cast<const char*>(
                               envelope.message.properties.message_id.bytes),
                           envelope.message.properties.message_id.len);
      log->Seen(std::string(id.substr(0, id.find(':'))));
      amqp_basic_ack(link_->conn(), AmqpLink::kChannel, envelope.delivery_tag,
                     0);
      amqp_destroy_envelope(&envelope);
    }
  }

  AmqpLink* link_;
  std::atomic<bool> stop_{false};
  std::string error_;
  std::thread thread_;
};

// One measured run: open loop at options.rate, or closed with K awaiting
// their confirms; the deliveries as a run.
LoadResult Measure(const Options& o, bool closed, Publisher& pub,
                   DeliveryLog& log, const std::string& name) {
  const int64_t t0 = MonotonicNanos();
  const int64_t begin = t0 + absl::ToInt64Nanoseconds(o.warmup);
  const int64_t end = begin + absl::ToInt64Nanoseconds(o.duration);
  const double period = 1e9 / o.rate;
  absl::Status error;
  const int64_t nacks_before = pub.nacks();
  for (int64_t i = 0; error.ok(); ++i) {
    int64_t due =
        closed ? MonotonicNanos() : t0 + static_cast<int64_t>(i * period);
    if (due >= end) break;
    if (closed) {
      while (error.ok() &&
             pub.unconfirmed() >= static_cast<size_t>(o.in_flight)) {
        error = pub.ReadConfirms(100'000'000);
      }
      due = MonotonicNanos();
    } else {
      for (int64_t now = MonotonicNanos(); error.ok() && now < due;
           now = MonotonicNanos()) {
        error = pub.ReadConfirms(due - now);
      }
    }
    if (error.ok()) error = pub.Publish(due);
  }
  const int64_t drain_end = MonotonicNanos() + 30'000'000'000;
  while (error.ok() && pub.unconfirmed() > 0 && MonotonicNanos() < drain_end) {
    error = pub.ReadConfirms(100'000'000);
  }
  const int64_t missing = log.AwaitAll(kDeliveryTimeout);
  LoadResult r = log.Window(name, begin, end);
  r.in_flight = closed ? o.in_flight : 0;
  r.offered_rate = closed ? 0 : o.rate;
  r.errors = missing + static_cast<int64_t>(pub.unconfirmed()) +
             (pub.nacks() - nacks_before) + (error.ok() ? 0 : 1);
  if (!error.ok()) {
    r.first_error = std::string(error.message());
  } else if (r.errors > 0) {
    r.first_error =
        absl::StrCat(missing, " not delivered, ", pub.unconfirmed(),
                     " not confirmed, ", pub.nacks() - nacks_before, " nacked");
  }
  return r;
}

absl::StatusOr<std::unique_ptr<AmqpLink>> OpenWithRetry(
    const Options& o, const std::string& who) {
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  for (;;) {
    auto link = AmqpLink::Open(o.port, o.pki_dir, who);
    if (link.ok() || absl::Now() > deadline) return link;
    absl::SleepFor(absl::Milliseconds(200));
  }
}

int Main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const std::string value = i + 1 < argc ? argv[i + 1] : "";
    int64_t n = 0;
    if (flag == "--smoke") {
      o.warmup = absl::Milliseconds(100);
      o.duration = absl::Milliseconds(400);
      continue;
    }
    ++i;
    if (flag == "--port" && absl::SimpleAtoi(value, &n)) {
      o.port = static_cast<int>(n);
    } else if (flag == "--pki-dir") {
      o.pki_dir = value;
    } else if (flag == "--json") {
      o.json = value;
    } else if (flag == "--rate" && absl::SimpleAtoi(value, &n) && n > 0) {
      o.rate = static_cast<double>(n);
    } else if (flag == "--in-flight" && absl::SimpleAtoi(value, &n) && n > 0) {
      o.in_flight = static_cast<int>(n);
    } else if (flag == "--warmup-ms" && absl::SimpleAtoi(value, &n)) {
      o.warmup = absl::Milliseconds(n);
    } else if (flag == "--duration-ms" && absl::SimpleAtoi(value, &n)) {
      o.duration = absl::Milliseconds(n);
    } else {
      std::cerr << "rabbitmq_bench: bad flag " << flag << "\n";
      return 2;
    }
  }
  BenchReport report;
  auto pub_link = OpenWithRetry(o, "rosa");
  absl::StatusOr<std::unique_ptr<AmqpLink>> sub_link =
      pub_link.ok()
          ? OpenWithRetry(o, "ks-oslo")
          : absl::StatusOr<std::unique_ptr<AmqpLink>>(pub_link.status());
  absl::Status s = sub_link.status();
  if (s.ok()) s = (*pub_link)->DeclareQuorumQueue(kQueue);
  if (s.ok()) {
    amqp_confirm_select((*pub_link)->conn(), AmqpLink::kChannel);
    s = (*pub_link)->Check("confirm.select");
  }
  if (s.ok()) {
    amqp_basic_qos((*sub_link)->conn(), AmqpLink::kChannel, 0, 2000, 0);
    s = (*sub_link)->Check("basic.qos");
  }
  if (s.ok()) {
    amqp_basic_consume((*sub_link)->conn(), AmqpLink::kChannel,
                       amqp_cstring_bytes(kQueue), amqp_empty_bytes, 0,
                       /*no_ack=*/0, 0, amqp_empty_table);
    s = (*sub_link)->Check("basic.consume");
  }
  if (!s.ok()) {
    report.AddError(absl::StrCat("B6: ", s.message()));
  } else {
    DeliveryLog log;
    Publisher pub(pub_link->get(), &log);
    {
      Consumer consumer(sub_link->get(), &log);
      report.AddRun("B6", Measure(o, false, pub, log,
                                  absl::StrCat("RabbitMQ publish -> consume (",
                                               o.rate, "/s)")));
      const LoadResult max = Measure(
          o, true, pub, log,
          absl::StrCat("RabbitMQ publish -> consume (K=", o.in_flight, ")"));
      report.AddRun("B6 max", max);
      report.AddValue("B6 RabbitMQ delivery throughput", max.CallsPerSecond(),
                      "msg/s");
      consumer.Stop();
      if (!consumer.error().empty()) report.AddError(consumer.error());
    }
  }
  report.Print(std::cout);
  if (!o.json.empty()) {
    if (absl::Status w = report.WriteJson(o.json); !w.ok()) {
      std::cerr << w << "\n";
      return 1;
    }
  }
  return report.errors() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace rosa::bench

int main(int argc, char** argv) { return rosa::bench::Main(argc, argv); }
